import type { ClaimsKindId } from '../../../claims/kinds';

export interface TablesPanelProps {
  sheets: string[];
  /** The sheet the stored drug map came from, or null. */
  drugMapSource: string | null;
  drugMapRows: number;
  mueSheet: string | null;
  disabled?: boolean;
  onDrugMap(sheet: string | null): void;
  onMueSheet(sheet: string | null): void;
  /** The sheet of each claims table; null when this host cannot save them. */
  claimsSheets?: Partial<Record<ClaimsKindId, string>> | null;
  onClaimsSheet?(kind: ClaimsKindId, sheet: string | null): void;
}
