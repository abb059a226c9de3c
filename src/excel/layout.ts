/**
 * The plan's layout in Excel (Office.js): the header row frozen, the derived columns wrapped at widths that
 * fit their content, the IC Status cells coloured by their value (one conditional-format rule per status,
 * of the product's own shape, so no per-cell fills), and the print setup. Queued in the write's last batch: no extra round trip.
 *
 * The filter buttons of the command line's copy are not applied here: a sheet-level AutoFilter cannot
 * overlap an Excel table and would replace a filter the coder set, and neither can be checked without
 * another round trip. In Excel, Home > Sort & Filter > Filter adds them over the coded table.
 */
import { columnLetters } from '../sheet/columns';
import { statusRuleFormula } from '../sheet/marks';
import { FILL_COLORS } from '../sheet/palette';
import type { Fill, WritePlan } from '../sheet/types';
import { addRule } from './highlights';
import type { ExistingLayout } from './read';

/** Excel's column width unit (characters of the default font) in points, as Office.js sets columnWidth. */
const POINTS_PER_CHARACTER = 5.6;

/** Bytes the layout adds to its batch (a dozen small operations). */
export const LAYOUT_REQUEST_BYTES = 2500;

export interface LayoutSupport {
  /** ExcelApi 1.6: custom conditional formats. */
  conditionalFormats: boolean;
  /** ExcelApi 1.7: freeze panes. */
  freezePanes: boolean;
  /** ExcelApi 1.9: page layout (orientation, fit to pages, print titles). */
  pageLayout: boolean;
  /** What the sheet had (read in the first sync): panes the user froze and a page setup of theirs stay. */
  existing?: ExistingLayout;
}

/** `Sheet1!1:4` or `'My sheet'!$1:$4`: rows 1 to `rows` frozen, as this layout (or an earlier run) freezes them. */
function frozenLikeOurs(address: string, rows: number): boolean {
  const area = address.slice(address.lastIndexOf('!') + 1).replace(/\$/g, '');
  return area === `1:${rows}`;
}

export function queueLayout(sheet: Excel.Worksheet, plan: WritePlan, support: LayoutSupport): void {
  const { layout } = plan;
  if (!layout) return;
  const existing = support.existing;
  // Panes the user froze or split elsewhere are theirs (billers.md): only none, or ours, is (re)frozen.
  if (support.freezePanes && (!existing?.frozen || frozenLikeOurs(existing.frozen, layout.freezeRows))) sheet.freezePanes.freezeRows(layout.freezeRows);

  // Whole columns: a column style covers rows added later and does not stretch the used range.
  const whole = (column: number) => sheet.getRange(`${columnLetters(column)}:${columnLetters(column)}`);
  for (const { column, width } of layout.columnWidths) whole(column).format.columnWidth = Math.round(width * POINTS_PER_CHARACTER);
  for (const column of layout.wrapColumns) whole(column).format.wrapText = true;

  // Custom rules of our shape (sheet/marks.ts): the next run's reconcile removes them before adding anew.
  const status = layout.statusColumn;
  if (support.conditionalFormats && status.lastRow >= status.firstRow) {
    const first = `$${columnLetters(status.column)}${status.firstRow}`;
    const address = `${columnLetters(status.column)}${status.firstRow}:${columnLetters(status.column)}${status.lastRow}`;
    for (const [value, fill] of Object.entries(status.fills) as ['Error' | 'Review', Fill][]) {
      addRule(sheet, { address, formula: statusRuleFormula(value, first), color: FILL_COLORS[fill] });
    }
  }

  if (support.pageLayout) {
    const p = layout.print;
    // A sheet already set to fit to pages keeps its whole page setup; print titles of the user's stay.
    if (!existing?.fitToPages) {
      sheet.pageLayout.orientation = 'Landscape';
      sheet.pageLayout.zoom = { horizontalFitToPages: p.fitToWidth, verticalFitToPages: p.fitToHeight };
    }
    if (!existing?.printTitles) sheet.pageLayout.setPrintTitleRows(`$${p.repeatRows.first}:$${p.repeatRows.last}`);
  }
}
