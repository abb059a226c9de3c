/**
 * Our styles added to a workbook's styles part, as text: a bold header font and cell style, a cell style that
 * wraps text (our cells and columns; the header wraps too), and the two
 * conditional-format fills (error, warning). A style already there (an earlier run wrote it) is reused, so a
 * second run writes the same part. Every style the user has keeps its index.
 */
import { FILL_ARGB } from '../../sheet/plan';

export interface OurStyles {
  xml: string;
  /** cellXfs index of the derived header cells. */
  header: number;
  /** cellXfs index of derived cells that wrap their text. */
  wrap: number;
  /** dxfs index of each highlight fill. */
  dxf: { error: number; warning: number };
}

const P = '(?:[A-Za-z_][\\w.-]*:)?';

/** The element `<name ...>...</name>` (or `<name/>`) and where its content starts and ends. */
export function findContainer(xml: string, name: string): { start: number; contentStart: number; contentEnd: number; end: number; prefix: string; selfClosing: boolean } | null {
  const open = new RegExp(`<(${P})${name}\\b[^>]*?(/?)>`).exec(xml);
  if (!open) return null;
  const prefix = open[1];
  const contentStart = open.index + open[0].length;
  if (open[2] === '/') return { start: open.index, contentStart, contentEnd: contentStart, end: contentStart, prefix, selfClosing: true };
  const close = xml.indexOf(`</${prefix}${name}>`, contentStart);
  if (close < 0) throw new Error(`the styles part has no end of ${name}`);
  return { start: open.index, contentStart, contentEnd: close, end: close + `</${prefix}${name}>`.length, prefix, selfClosing: false };
}

function countChildren(content: string, child: string): number {
  return (content.match(new RegExp(`<${P}${child}[\\s>/]`, 'g')) ?? []).length;
}

/** Elements of styleSheet in schema order (ECMA-376 18.8.39): a missing container goes before the next one. */
const ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];

/**
 * Adds `childXml` to the container (created when missing) unless an identical child is there;
 * returns the new text and the child's index.
 */
export function ensureChild(xml: string, container: string, child: string, childXml: (prefix: string) => string): { xml: string; index: number } {
  let found = findContainer(xml, container);
  if (!found) {
    const after = ORDER.slice(ORDER.indexOf(container) + 1);
    const root = findContainer(xml, 'styleSheet');
    if (!root) throw new Error('the styles part has no styleSheet');
    let at = root.contentEnd;
    for (const name of after) {
      const next = findContainer(xml, name);
      if (next) {
        at = next.start;
        break;
      }
    }
    xml = `${xml.slice(0, at)}<${root.prefix}${container} count="0"></${root.prefix}${container}>${xml.slice(at)}`;
    found = findContainer(xml, container) as NonNullable<typeof found>;
  }
  const { prefix } = found;
  const wanted = childXml(prefix);
  if (found.selfClosing) {
    const rebuilt = `<${prefix}${container} count="1">${wanted}</${prefix}${container}>`;
    return { xml: xml.slice(0, found.start) + rebuilt + xml.slice(found.end), index: 0 };
  }
  const content = xml.slice(found.contentStart, found.contentEnd);
  const existing = content.indexOf(wanted);
  if (existing >= 0) return { xml, index: countChildren(content.slice(0, existing), child) };
  const index = countChildren(content, child);
  const openTag = xml.slice(found.start, found.contentStart).replace(/\scount="\d*"/, '').replace(/>$/, ` count="${index + 1}">`);
  return { xml: xml.slice(0, found.start) + openTag + content + wanted + xml.slice(found.contentEnd), index };
}

/** The first font of the workbook (its default), made bold. */
function boldFont(xml: string, prefix: string): string {
  const fonts = findContainer(xml, 'fonts');
  const content = fonts ? xml.slice(fonts.contentStart, fonts.contentEnd) : '';
  const first = new RegExp(`<${P}font\\b[^>]*?(?:/>|>[\\s\\S]*?</${P}font>)`).exec(content)?.[0];
  if (!first) return `<${prefix}font><${prefix}b/></${prefix}font>`;
  if (new RegExp(`<${P}b\\s*/>`).test(first)) return first;
  if (first.endsWith('/>')) return `${first.slice(0, -2)}><${prefix}b/></${prefix}font>`;
  return first.replace(/>/, `><${prefix}b/>`);
}

const dxfFill = (p: string, argb: string) =>
  `<${p}dxf><${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb}"/><${p}bgColor rgb="${argb}"/></${p}patternFill></${p}fill></${p}dxf>`;

/** A minimal styles part, for a package that has none. */
export const EMPTY_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/**
 * The entries every styles part needs at index 0 (and fills 0 and 1), added to a part written without them:
 * else our bold font or header format would take index 0, the default every user cell without a style uses,
 * and the whole sheet would turn bold.
 */
function withDefaults(xml: string): string {
  const defaults: [string, string, (p: string) => string][] = [
    ['fonts', 'font', (p) => `<${p}font><${p}sz val="11"/><${p}name val="Calibri"/></${p}font>`],
    ['fills', 'fill', (p) => `<${p}fill><${p}patternFill patternType="none"/></${p}fill>`],
    ['fills', 'fill', (p) => `<${p}fill><${p}patternFill patternType="gray125"/></${p}fill>`],
    ['borders', 'border', (p) => `<${p}border><${p}left/><${p}right/><${p}top/><${p}bottom/><${p}diagonal/></${p}border>`],
    ['cellStyleXfs', 'xf', (p) => `<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>`],
    ['cellXfs', 'xf', (p) => `<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`],
  ];
  defaults.forEach(([container, child, childXml], i) => {
    const found = findContainer(xml, container);
    const count = found ? countChildren(xml.slice(found.contentStart, found.contentEnd), child) : 0;
    // The second fill default is wanted when there is one fill (the first default, or a user's).
    const wanted = container === 'fills' && defaults[i - 1]?.[0] === 'fills' ? 1 : 0;
    if (count <= wanted) xml = ensureChild(xml, container, child, childXml).xml;
  });
  return xml;
}

/** Adds (or finds) our styles in a styles part. */
export function addOurStyles(stylesXml: string): OurStyles {
  let xml = withDefaults(stylesXml);
  const bold = ensureChild(xml, 'fonts', 'font', (p) => boldFont(xml, p));
  xml = bold.xml;
  const header = ensureChild(
    xml,
    'cellXfs',
    'xf',
    (p) => `<${p}xf numFmtId="0" fontId="${bold.index}" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><${p}alignment wrapText="1"/></${p}xf>`,
  );
  xml = header.xml;
  const wrap = ensureChild(
    xml,
    'cellXfs',
    'xf',
    (p) => `<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><${p}alignment wrapText="1"/></${p}xf>`,
  );
  xml = wrap.xml;
  const error = ensureChild(xml, 'dxfs', 'dxf', (p) => dxfFill(p, FILL_ARGB.error));
  xml = error.xml;
  const warning = ensureChild(xml, 'dxfs', 'dxf', (p) => dxfFill(p, FILL_ARGB.warning));
  xml = warning.xml;
  return { xml, header: header.index, wrap: wrap.index, dxf: { error: error.index, warning: warning.index } };
}
