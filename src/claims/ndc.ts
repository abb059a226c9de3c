/**
 * NDCs on claims: the 11 digits of the 5-4-2 form (src/rules/values/ndc.ts reads the printed forms), and the
 * claim's NDC line: `N4` + 11 digits + unit qualifier + quantity
 * (837 / UB-04 FL43 / CMS-1500 item 24 shaded area).
 */
import type { CellValue } from '../rules/types';
import { parseNdc } from '../rules/values/ndc';

/** The 11 digits of an NDC (the rules module reads the 4-4-2, 5-3-2, 5-4-1 and 11-digit forms), or null. */
export function normalizeNdc(v: CellValue | undefined): string | null {
  const parsed = parseNdc(v);
  return parsed.ok ? parsed.value.replace(/-/g, '') : null;
}

/** NDC unit qualifiers of the claim: international unit, gram, milligram, millilitre, unit (each). */
export type NdcQualifier = 'F2' | 'GR' | 'ME' | 'ML' | 'UN';

/** The quantity as claims write it: at most 3 decimals, no trailing zeros. */
export function ndcQuantity(quantity: number): string {
  return String(Math.round(quantity * 1000) / 1000);
}

/** `N4` + NDC + qualifier + quantity, e.g. `N400409490234ML2`. */
export function ndcClaimLine(ndc11: string, qualifier: NdcQualifier, quantity: number): string {
  return `N4${ndc11}${qualifier}${ndcQuantity(quantity)}`;
}
