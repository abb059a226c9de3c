/** The user's stored mapping corrections applied to a detected table (pure). */
import { FIELDS } from '../rules/types';
import { detectTable, normalizeHeader } from '../sheet';
import type { ColumnMapping, DetectedTable, Grid } from '../sheet/types';
import type { MappingOverride } from './settings';

/** Stored overrides (field -> header text) as the sheet layer's override (field -> column, 0 = unmapped). */
export function overrideColumns(headers: Map<number, string>, override: MappingOverride | undefined): ColumnMapping {
  const out: ColumnMapping = {};
  if (!override) return out;
  const byText = new Map<string, number>();
  for (const [column, text] of headers) {
    const key = normalizeHeader(text);
    if (!byText.has(key)) byText.set(key, column);
  }
  for (const field of FIELDS) {
    if (!(field in override)) continue;
    const text = override[field];
    if (text === null || text === undefined) out[field] = 0;
    else {
      const column = byText.get(normalizeHeader(text));
      if (column) out[field] = column;
    }
  }
  return out;
}

/** Detects the table, then applies the user's stored corrections. */
export function detectWithOverride(grid: Grid, override: MappingOverride | undefined): DetectedTable | null {
  const first = detectTable(grid);
  if (!first) return null;
  const columns = overrideColumns(first.headers, override);
  if (Object.keys(columns).length === 0) return first;
  const table = detectTable(grid, columns) ?? first;
  for (const field of FIELDS) if (columns[field] === 0) delete table.mapping[field];
  return table;
}
