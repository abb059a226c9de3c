import type { Field as InputField } from '../../../rules/types';
import type { ColumnMapping } from '../../../sheet/types';

/** A header cell of the sheet: its 1-based column, its text and its address. */
export interface MappingHeader {
  column: number;
  text: string;
  address: string;
}

export interface MappingPanelProps {
  headers: MappingHeader[];
  mapping: ColumnMapping;
  /** Fields the user changed (shown as such). */
  overridden?: ReadonlySet<InputField>;
  disabled?: boolean;
  /** column null = the field has no column. */
  onChange(field: InputField, column: number | null): void;
}
