/**
 * The plan's layout (src/sheet/types.ts SheetLayout) in the coded copy's package, as XML text edits:
 * the header row frozen, a filter over the table, print setup (landscape, one page wide, header row on
 * every page), the IC Status cells coloured by their value, and rows tall enough for our wrapped text.
 * Column widths and wrapping are written with our cells (sheetXml.ts, styles.ts).
 *
 * What the user set is kept: a sheet view that already has panes (frozen or split), a filter with criteria
 * or on another row, a sheet already set to fit to pages (its whole page setup) and print titles of the
 * user's stay as they are. Otherwise the copy prints landscape and one page wide, whatever orientation or
 * scale the sheet had (the IC columns make it wider than it was); paper, margins, headers and footers are
 * kept. Excel forbids a sheet filter over a Table, so a sheet whose Table overlaps the coded table gets
 * none. Everything written here is recognised on a re-run, so coding the coded copy again writes the same
 * bytes.
 *
 * The sheet streams once: what to do is settled as its parts go by (the head before <sheetData> says
 * whether the sheet fits to pages, the tail after </sheetData> whether it has a filter of the user's), so
 * the workbook part, which names the filter range, is written after the sheet.
 */
import { columnLetters } from '../../sheet/columns';
import { isStatusRule, statusRuleFormula } from '../../sheet/marks';
import type { Fill, SheetLayout } from '../../sheet/types';
import { parseRef, readRelationships } from './workbook';
import { escapeText } from './xml';
import type { ZipReader } from './zip';

const NAME = '[A-Za-z_][\\w.-]*';
const P = `(?:${NAME}:)?`;

/** What the layout writes into one coded sheet and its workbook, settled as the sheet streams. */
export interface SheetLayoutEdit {
  layout: SheetLayout;
  /**
   * The filter range written over the table (`A4:AA212`); null leaves the sheet's filters as they are: a
   * Table overlaps the table, or (settled by layoutTail) the sheet has a filter of the user's.
   */
  autoFilter: string | null;
  /** Our print setup is applied (settled by layoutHead: not when the sheet is already set to fit to pages). */
  print: boolean;
  /** Points per line of text (settled by layoutHead: the sheet's default row height). */
  lineHeight: number;
}

/** The ranges of the Tables on a sheet (`A1:I6`), from its relationships. */
export function tableRanges(zip: ZipReader, sheetPart: string): string[] {
  const out: string[] = [];
  for (const rel of readRelationships(zip, sheetPart)) {
    const entry = rel.external || !rel.type.endsWith('/table') ? undefined : zip.get(rel.target);
    if (!entry) continue;
    // `ref` in either quote (`ref='A1:G5'`, some writers): a Table not found got a sheet filter over it, which Excel removes in repair.
    const ref = new RegExp(`<${P}table\\b[^>]*?\\sref\\s*=\\s*(?:"([^"]+)"|'([^']+)')`).exec(zip.whole(entry));
    if (ref) out.push(ref[1] ?? ref[2]);
  }
  return out;
}

type Box = { top: number; left: number; bottom: number; right: number };

function boxOf(ref: string): Box | null {
  const [from, to] = ref.replace(/\$/g, '').split(':');
  const a = parseRef(from);
  const b = parseRef(to ?? from);
  if (!a || !b) return null;
  return { top: Math.min(a[0], b[0]), left: Math.min(a[1], b[1]), bottom: Math.max(a[0], b[0]), right: Math.max(a[1], b[1]) };
}

const overlaps = (a: Box, b: Box) => a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;

/** `A4:AA212` of the layout's filter. */
export function filterRange(layout: SheetLayout): string {
  const f = layout.autoFilter;
  return `${columnLetters(f.firstColumn)}${f.row}:${columnLetters(f.lastColumn)}${f.lastRow}`;
}

/** The sheet-level element `name` of a tail (not one inside customSheetViews, which repeat some). */
function findInTail(tail: string, name: string): RegExpExecArray | null {
  const re = new RegExp(`<(${NAME}:)?${name}\\b[^>]*?(?:/>|>[\\s\\S]*?</\\1?${name}>)`, 'g');
  let top: ReadonlySet<number> | null = null;
  for (let m; (m = re.exec(tail)); ) {
    if (!(top ??= topLevelTags(tail)).has(m.index)) continue; // in a custom view, or a rule's own extLst
    return m;
  }
  return null;
}

/**
 * Where the elements at the outer level of a sheet's tail (after sheetData) start. A name also used inside
 * another element is never the sheet's own: a custom view repeats pageSetup and autoFilter, and Excel writes an
 * extLst inside every data-bar rule.
 */
export function topLevelTags(tail: string): ReadonlySet<number> {
  const out = new Set<number>();
  const tag = /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>|<(\/?)[A-Za-z_][^\s/>]*(?:"[^"]*"|'[^']*'|[^'">])*?(\/?)>/g;
  let depth = 0;
  for (let m; (m = tag.exec(tail)); ) {
    if (m[1] === undefined) continue; // a comment, an instruction, CDATA
    if (m[1] === '/') depth--;
    else {
      if (depth === 0) out.add(m.index);
      if (m[2] !== '/') depth++;
    }
  }
  return out;
}

/** One expression per attribute name (a row's tag is read and changed once per row of a million). */
const ATTRIBUTE_RES = new Map<string, RegExp>();
function attributeRe(name: string): RegExp {
  let re = ATTRIBUTE_RES.get(name);
  if (!re) {
    re = new RegExp(`\\s${name}="([^"]*)"`);
    ATTRIBUTE_RES.set(name, re);
  }
  return re;
}
const attr = (tag: string, name: string) => attributeRe(name).exec(tag)?.[1];
const isOn = (value: string | undefined) => value === '1' || value === 'true';

/** The layout of a sheet whose Tables cover `tables`: a filter over the table unless one of them overlaps it. */
export function startLayout(layout: SheetLayout, tables: string[]): SheetLayoutEdit {
  const range = filterRange(layout);
  const ours = boxOf(range) as Box;
  const covered = tables.some((t) => {
    const box = boxOf(t);
    return box !== null && overlaps(box, ours);
  });
  return { layout, autoFilter: covered ? null : range, print: true, lineHeight: DEFAULT_LINE_HEIGHT };
}

/** Characters of prose that fit in the width of one digit, Excel's column width unit. */
const PROSE_PER_DIGIT = 1.1;

/** Excel's default row height (Calibri 11), in points. */
const DEFAULT_LINE_HEIGHT = 15;

/**
 * The height (points) a row needs for our wrapped cells, or 0 when one line is enough. A column `width`
 * characters wide holds a tenth more characters of prose a line (its unit is a digit, wider than most
 * letters). Excel and LibreOffice do not all fit rows to wrapped text when they open a file, so the row
 * says it.
 */
export function wrappedHeight(
  values: readonly (string | number | null)[],
  widths: readonly number[],
  wrapped: ReadonlySet<number>,
  lineHeight: number,
  linesOf: (text: string, width: number | undefined, column: number) => number = wrappedLines,
): number {
  let most = 1;
  for (let j = 0; j < values.length; j++) {
    const value = values[j];
    if (typeof value !== 'string' || !wrapped.has(j)) continue;
    const lines = linesOf(value, widths[j], j);
    if (lines > most) most = lines;
  }
  return most > 1 ? most * lineHeight : 0;
}

/** The lines `text` takes wrapped in a column `width` characters wide (each line break starts one). */
export function wrappedLines(text: string, width: number | undefined): number {
  const perLine = Math.max(1, Math.floor((width ?? 1) * PROSE_PER_DIGIT));
  let lines = 0;
  for (let from = 0; from <= text.length; ) {
    let to = text.indexOf('\n', from);
    if (to < 0) to = text.length;
    lines += Math.max(1, Math.ceil((to - from) / perLine));
    from = to + 1;
  }
  return lines;
}

/** A row's start tag at least `height` points tall (a height the user set by hand is kept). */
export function withRowHeight(tag: string, height: number): string {
  if (height <= 0) return tag;
  // The usual row tag has neither a height nor a custom mark: the height goes before its end.
  if (tag.indexOf('ht=') < 0 && tag.indexOf('customHeight') < 0) {
    const close = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
    let end = close;
    while (end > 0 && /\s/.test(tag[end - 1])) end--;
    return `${tag.slice(0, end)} ht="${Math.round(height * 100) / 100}"${tag.slice(close)}`;
  }
  if (isOn(attr(tag, 'customHeight'))) return tag;
  const current = Number(attr(tag, 'ht'));
  if (current >= height) return tag;
  return withAttribute(tag, 'ht', String(Math.round(height * 100) / 100));
}

/** `<tag ...>` with attribute `name` set to `value` (replaced when present, else added). */
function withAttribute(tag: string, name: string, value: string): string {
  const re = attributeRe(name);
  if (re.test(tag)) return tag.replace(re, ` ${name}="${value}"`);
  return tag.replace(/\s*(\/?)>$/, ` ${name}="${value}"$1>`);
}

/**
 * Inserts `xml` before the first of `followers` present (else at `fallback`): the first at sheet level, never
 * one inside customSheetViews (a custom view repeats pageMargins, pageSetup, headerFooter, autoFilter...) nor,
 * in a sheet's tail (`tail`), inside any other element (a data-bar rule's extLst).
 */
export function insertBefore(text: string, xml: string, followers: string[], fallback: number, tail = false): string {
  const views = new RegExp(`<(${NAME}:)?customSheetViews\\b[\\s\\S]*?</\\1?customSheetViews>`).exec(text);
  const top = tail ? topLevelTags(text) : null;
  const nested = (index: number) => (top ? !top.has(index) : views !== null && index > views.index && index < views.index + views[0].length);
  let at = -1;
  for (const name of followers) {
    const re = new RegExp(`<${P}${name}[\\s/>]`, 'g');
    for (let m; (m = re.exec(text)); ) {
      if (nested(m.index)) continue;
      if (at < 0 || m.index < at) at = m.index;
      break;
    }
  }
  if (at < 0) at = fallback;
  return text.slice(0, at) + xml + text.slice(at);
}

/** The head with the header rows frozen and, with our print setup, fit-to-page switched on. */
export function layoutHead(head: string, p: string, edit: SheetLayoutEdit): string {
  const fitToPage = new RegExp(`<${P}pageSetUpPr\\b[^>]*?\\sfitToPage="([^"]*)"`).exec(head)?.[1];
  edit.print = !isOn(fitToPage);
  const defaultHeight = Number(new RegExp(`<${P}sheetFormatPr\\b[^>]*?\\sdefaultRowHeight="([\\d.]+)"`).exec(head)?.[1]);
  edit.lineHeight = defaultHeight > 0 ? defaultHeight : DEFAULT_LINE_HEIGHT;

  const rows = edit.layout.freezeRows;
  if (edit.print) head = withFitToPage(head, p);
  if (rows < 1) return head;
  const pane = `<${p}pane ySplit="${rows}" topLeftCell="A${rows + 1}" activePane="bottomLeft" state="frozen"/><${p}selection pane="bottomLeft"/>`;
  const views = new RegExp(`<(${NAME}:)?sheetViews\\b[^>]*?(?:/>|>[\\s\\S]*?</\\1?sheetViews>)`).exec(head);
  if (!views || views[0].endsWith('/>')) {
    const xml = `<${p}sheetViews><${p}sheetView workbookViewId="0">${pane}</${p}sheetView></${p}sheetViews>`;
    if (views) return head.slice(0, views.index) + xml + head.slice(views.index + views[0].length);
    return insertBefore(head, xml, ['sheetFormatPr', 'cols'], head.length);
  }
  const view = new RegExp(`<(${NAME}:)?sheetView\\b[^>]*?(/?)>`).exec(views[0]);
  if (!view) return head;
  const at = views.index + view.index;
  const rest = head.slice(at + view[0].length);
  // A view that has panes (the user's, or an earlier run's) keeps them.
  if (view[2] !== '/' && new RegExp(`^[\\s\\S]*?<${P}pane\\b`).test(rest.slice(0, rest.search(new RegExp(`</${P}sheetView>`))))) return head;
  // The frozen rows count from the view's top row: a view scrolled down would freeze the wrong rows.
  const tag = view[0].replace(/\stopLeftCell="[^"]*"/, '');
  const open = view[2] === '/' ? `${tag.slice(0, -2).trimEnd()}>` : tag;
  const close = view[2] === '/' ? `</${view[1] ?? ''}sheetView>` : '';
  return `${head.slice(0, at)}${open}${pane}${close}${rest}`;
}

/** sheetPr's pageSetUpPr with fitToPage="1" (the element created where missing; its children keep their order). */
function withFitToPage(head: string, p: string): string {
  const setUp = new RegExp(`<${P}pageSetUpPr\\b[^>]*?/?>`).exec(head);
  if (setUp) return head.slice(0, setUp.index) + withAttribute(setUp[0], 'fitToPage', '1') + head.slice(setUp.index + setUp[0].length);
  const ours = `<${p}pageSetUpPr fitToPage="1"/>`;
  const pr = new RegExp(`<(${NAME}:)?sheetPr\\b[^>]*?(/?)>`).exec(head);
  if (pr) {
    if (pr[2] === '/') return `${head.slice(0, pr.index)}${pr[0].slice(0, -2).trimEnd()}>${ours}</${pr[1] ?? ''}sheetPr>${head.slice(pr.index + pr[0].length)}`;
    // pageSetUpPr is sheetPr's last child (after tabColor and outlinePr).
    const close = head.indexOf(`</${pr[1] ?? ''}sheetPr>`, pr.index);
    return head.slice(0, close) + ours + head.slice(close);
  }
  const root = new RegExp(`<${P}worksheet\\b[^>]*>`).exec(head);
  if (!root) throw new Error('the sheet has no worksheet element');
  const at = root.index + root[0].length;
  return `${head.slice(0, at)}<${p}sheetPr>${ours}</${p}sheetPr>${head.slice(at)}`;
}

/** Elements that follow autoFilter and pageSetup in a worksheet (ECMA-376 18.3.1.99). */
const AFTER_AUTO_FILTER = ['sortState', 'dataConsolidate', 'customSheetViews', 'mergeCells', 'phoneticPr', 'conditionalFormatting', 'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks', 'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst'];
const AFTER_PAGE_SETUP = AFTER_AUTO_FILTER.slice(AFTER_AUTO_FILTER.indexOf('headerFooter'));

/**
 * The tail with our filter and print setup. A filter already there on another row is the user's (kept, and the
 * sheet gets none of ours); one on the header row is widened over our columns: a bare one, as an earlier run
 * wrote it, to the table; one with the user's criteria to the right only, its criteria kept.
 */
export function layoutTail(tail: string, p: string, edit: SheetLayoutEdit): string {
  const end = () => tail.search(new RegExp(`</${P}worksheet>`));
  const existing = findInTail(tail, 'autoFilter');
  if (existing) {
    const box = boxOf(attr(existing[0], 'ref') ?? '');
    const bare = existing[0].endsWith('/>') || !/<[^/!?]/.test(existing[0].slice(existing[0].indexOf('>') + 1));
    if (!box || box.top !== edit.layout.autoFilter.row) edit.autoFilter = null;
    else if (!bare && edit.autoFilter) {
      // The user's filter, with criteria, on the header row: kept, and widened to the right over our columns, so a
      // sort from its buttons moves them with their rows (its criteria count columns from its left one: unchanged).
      const ours = boxOf(edit.autoFilter) as Box;
      edit.autoFilter =
        box.left <= ours.right
          ? `${columnLetters(box.left)}${box.top}:${columnLetters(Math.max(box.right, ours.right))}${Math.max(box.bottom, ours.bottom)}`
          : null;
    }
  }
  if (edit.autoFilter) {
    if (existing) tail = tail.slice(0, existing.index) + withAttribute(existing[0], 'ref', edit.autoFilter) + tail.slice(existing.index + existing[0].length);
    else tail = insertBefore(tail, `<${p}autoFilter ref="${edit.autoFilter}"/>`, AFTER_AUTO_FILTER, end(), true);
  }
  if (edit.print) {
    const { orientation, fitToWidth, fitToHeight } = edit.layout.print;
    const existing = findInTail(tail, 'pageSetup');
    if (existing) {
      let tag = existing[0];
      for (const [name, value] of [['orientation', orientation], ['fitToWidth', fitToWidth], ['fitToHeight', fitToHeight]] as const) tag = withAttribute(tag, name, String(value));
      tail = tail.slice(0, existing.index) + tag + tail.slice(existing.index + existing[0].length);
    } else {
      tail = insertBefore(tail, `<${p}pageSetup orientation="${orientation}" fitToWidth="${fitToWidth}" fitToHeight="${fitToHeight}"/>`, AFTER_PAGE_SETUP, end(), true);
    }
  }
  return tail;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const decode = (text: string) => text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, name: string) => {
  if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
  return ENTITIES[name] ?? whole;
});

/** Is this conditionalFormatting element one of our status colours (from this or an earlier run)? */
export function isStatusFormat(xml: string): boolean {
  const formulas = [...xml.matchAll(new RegExp(`<${P}formula>([\\s\\S]*?)</${P}formula>`, 'g'))];
  return formulas.length > 0 && formulas.every((m) => isStatusRule(`=${decode(m[1])}`));
}

/** The status colours as conditional formats: one per status, over the IC Status cells below the header. */
export function statusFormats(layout: SheetLayout, p: string, dxf: Record<Fill, number>, priority: number): { xml: string; priority: number } {
  const s = layout.statusColumn;
  if (s.lastRow < s.firstRow) return { xml: '', priority };
  const letters = columnLetters(s.column);
  let xml = '';
  for (const [status, fill] of Object.entries(s.fills) as ['Error' | 'Review', Fill][]) {
    const formula = statusRuleFormula(status, `$${letters}${s.firstRow}`).slice(1);
    xml +=
      `<${p}conditionalFormatting sqref="${letters}${s.firstRow}:${letters}${s.lastRow}"><${p}cfRule type="expression" dxfId="${dxf[fill]}" priority="${++priority}">` +
      `<${p}formula>${escapeText(formula)}</${p}formula></${p}cfRule></${p}conditionalFormatting>`;
  }
  return { xml, priority };
}

/** Elements that follow definedNames in a workbook (ECMA-376 18.2.27). */
const AFTER_DEFINED_NAMES = ['calcPr', 'oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing', 'fileRecoveryPr', 'webPublishObjects', 'extLst'];

/** The 0-based position of a sheet in the workbook's sheet list (a defined name's localSheetId), or -1. */
function sheetIndex(workbookXml: string, name: string): number {
  const sheets = new RegExp(`<(${NAME}:)?sheets\\b[^>]*>([\\s\\S]*?)</\\1?sheets>`).exec(workbookXml);
  const list = sheets ? [...sheets[2].matchAll(new RegExp(`<${P}sheet\\b[^>]*>`, 'g'))] : [];
  return list.findIndex((m) => decode(attr(m[0], 'name') ?? '').toLowerCase() === name.toLowerCase());
}

/**
 * The workbook part with the sheet's print titles (unless it has its own) and, when we write a filter, its
 * filter range as Excel names it (LibreOffice shows a filter only with this name). Unchanged text when
 * there is nothing to add.
 */
export function layoutWorkbook(workbookXml: string, sheetName: string, edit: SheetLayoutEdit): string {
  const index = sheetIndex(workbookXml, sheetName);
  if (index < 0) return workbookXml;
  const root = new RegExp(`<(${NAME}:)?workbook\\b`).exec(workbookXml);
  const p = root?.[1] ?? '';
  const sheet = `'${sheetName.replace(/'/g, "''")}'`;
  const names = new RegExp(`<(${NAME}:)?definedName\\b([^>]*)>([\\s\\S]*?)</\\1?definedName>`, 'g');
  const find = (name: string) => [...workbookXml.matchAll(names)].find((m) => attr(m[2], 'name') === name && attr(m[2], 'localSheetId') === String(index));
  const added: string[] = [];

  const { first, last } = edit.layout.print.repeatRows;
  if (!find('_xlnm.Print_Titles')) added.push(`<${p}definedName name="_xlnm.Print_Titles" localSheetId="${index}">${escapeText(`${sheet}!$${first}:$${last}`)}</${p}definedName>`);
  if (edit.autoFilter) {
    const box = boxOf(edit.autoFilter) as Box;
    const value = escapeText(`${sheet}!$${columnLetters(box.left)}$${box.top}:$${columnLetters(box.right)}$${box.bottom}`);
    const existing = find('_xlnm._FilterDatabase');
    if (existing) {
      const at = (existing.index as number) + existing[0].indexOf('>') + 1;
      workbookXml = workbookXml.slice(0, at) + value + workbookXml.slice(at + existing[3].length);
    } else added.push(`<${p}definedName name="_xlnm._FilterDatabase" localSheetId="${index}" hidden="1">${value}</${p}definedName>`);
  }
  if (added.length === 0) return workbookXml;

  const container = new RegExp(`<(${NAME}:)?definedNames\\b[^>]*?(/?)>`).exec(workbookXml);
  if (container && container[2] === '/') {
    return `${workbookXml.slice(0, container.index)}<${p}definedNames>${added.join('')}</${p}definedNames>${workbookXml.slice(container.index + container[0].length)}`;
  }
  if (container) {
    const close = workbookXml.indexOf(`</${container[1] ?? ''}definedNames>`, container.index);
    return workbookXml.slice(0, close) + added.join('') + workbookXml.slice(close);
  }
  const end = workbookXml.search(new RegExp(`</${P}workbook>`));
  return insertBefore(workbookXml, `<${p}definedNames>${added.join('')}</${p}definedNames>`, AFTER_DEFINED_NAMES, end);
}
