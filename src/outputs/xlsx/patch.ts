/**
 * The coded copy of an .xlsx: the input package copied part by part, with only the coded sheet (our columns,
 * IC Flags and the highlight rules reading it: sheetXml.ts), the styles,
 * the content types, the sheet's relationships and its notes rewritten, and the workbook part given the
 * sheet's print titles and filter range as defined names (layout.ts). Other sheets, charts, pivots,
 * drawings, images, links, protection, tables and custom XML are the same bytes. Written to a
 * temporary file beside the output and renamed into place, so a failure never leaves half a file.
 */
import { posix as path } from 'path';
import type { FlagsPlan } from '../../sheet/marks';
import type { SheetLayout, WritePlan } from '../../sheet/types';
import { layoutWorkbook, startLayout, tableRanges } from './layout';
import { EMPTY_COMMENTS, emptyVml, idBlocks, patchNotes } from './notes';
import { ownedSheetXml, patchSheetXml, type SheetEdit } from './sheetXml';
import type { OutputTable } from '../../inputs/types';
import { addOurStyles, EMPTY_STYLES } from './styles';
import { readRelationships, REL, relsPartOf, type SheetPart, type Workbook } from './workbook';
import { escapeAttribute } from './xml';
import { writePackage, type ZipEntry } from './zip';

const CT = {
  comments: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
  vml: 'application/vnd.openxmlformats-officedocument.vmlDrawing',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
};
const DOC_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const EMPTY_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';

/** Width (characters) of a derived column when the plan has no layout. */
const DEFAULT_WIDTH = 14;

/** A part name not yet in the package: `xl/comments1.xml`, `xl/comments2.xml`, ... */
function freshName(book: Workbook, taken: Set<string>, make: (n: number) => string): string {
  for (let n = 1; ; n++) {
    const name = make(n);
    if (!book.zip.get(name) && !taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

function addRelationship(rels: string, type: string, target: string): { xml: string; id: string } {
  const ids = new Set([...rels.matchAll(/\sId="([^"]+)"/g)].map((m) => m[1]));
  let n = 1;
  while (ids.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const xml = rels.replace(/<\/Relationships>\s*$/, `<Relationship Id="${id}" Type="${type}" Target="${escapeAttribute(target)}"/></Relationships>`);
  return { xml, id };
}

/** The workbook part with a sheet entry added after the others (sheetId one above the highest). */
function addSheetEntry(workbookXml: string, name: string, relId: string): string {
  const sheets = /<((?:[\w.-]+:)?)sheets\b[^>]*>([\s\S]*?)<\/\1sheets>/.exec(workbookXml);
  if (!sheets) throw new Error('the workbook part has no sheet list');
  let sheetId = 0;
  for (const m of sheets[2].matchAll(/\ssheetId="(\d+)"/g)) sheetId = Math.max(sheetId, Number(m[1]));
  const p = sheets[1];
  const entry = `<${p}sheet name="${escapeAttribute(name)}" sheetId="${sheetId + 1}" r:id="${relId}" xmlns:r="${DOC_NS}"/>`;
  const end = sheets.index + sheets[0].length - `</${p}sheets>`.length;
  return workbookXml.slice(0, end) + entry + workbookXml.slice(end);
}

function addContentType(types: string, element: string, test: RegExp): string {
  return test.test(types) ? types : types.replace(/<\/Types>\s*$/, `${element}</Types>`);
}

/** The layout with its filter reaching the flags column, so a sort from the filter buttons moves the flags with their rows. */
function withFlagsFiltered(layout: SheetLayout, flags: FlagsPlan): SheetLayout {
  const filter = layout.autoFilter;
  return flags.column > filter.lastColumn ? { ...layout, autoFilter: { ...filter, lastColumn: flags.column } } : layout;
}

/**
 * Writes `outPath`: the package of `book` with `plan` applied to `sheet`, its highlights as `flags` (the IC
 * Flags cells and rules, sheet/marks.ts planFlags). Returns the notes written.
 */
export async function writeCodedCopy(book: Workbook, sheet: SheetPart, plan: WritePlan, flags: FlagsPlan, outPath: string, owned: OutputTable[] = []): Promise<{ notes: number }> {
  const zip = book.zip;
  const replaced = new Map<string, () => Iterable<string> | AsyncIterable<string>>();
  const added: { name: string; text: string | (() => Iterable<string>) }[] = [];
  const taken = new Set<string>();

  // Styles (a package without a styles part gets one).
  let stylesPart = book.stylesPart;
  const styles = addOurStyles(stylesPart ? zip.whole(zip.get(stylesPart)!) : EMPTY_STYLES);
  const workbookRelsEntry = zip.get(relsPartOf(book.workbookPart));
  let workbookRels: string | null = null;
  const relateFromWorkbook = (type: string, part: string): string => {
    const rel = addRelationship(workbookRels ?? (workbookRelsEntry ? zip.whole(workbookRelsEntry) : EMPTY_RELS), type, path.relative(path.dirname(book.workbookPart), part));
    workbookRels = rel.xml;
    return rel.id;
  };
  let types = zip.whole(zip.get('[Content_Types].xml')!);
  if (stylesPart) replaced.set(stylesPart, () => [styles.xml]);
  else {
    stylesPart = freshName(book, taken, (n) => path.join(path.dirname(book.workbookPart), n === 1 ? 'styles.xml' : `styles${n}.xml`));
    added.push({ name: stylesPart, text: styles.xml });
    relateFromWorkbook(REL.styles, stylesPart);
    types = addContentType(types, `<Override PartName="/${stylesPart}" ContentType="${CT.styles}"/>`, new RegExp(`PartName="/${stylesPart}"`));
  }

  // Sheets the product owns: an earlier copy's part is rewritten, else a sheet is added after the others.
  let workbookXml: string | null = null;
  for (const table of owned) {
    const content = () => ownedSheetXml(table.headers, table.rows, styles.header);
    const earlier = book.sheets.find((s) => s.name.toLowerCase() === table.name.toLowerCase() && s.part !== sheet.part);
    if (earlier) {
      replaced.set(earlier.part, content);
      continue;
    }
    const part = freshName(book, taken, (n) => path.join(path.dirname(book.workbookPart), 'worksheets', `sheet${n}.xml`));
    added.push({ name: part, text: content });
    const id = relateFromWorkbook(REL.worksheet, part);
    types = addContentType(types, `<Override PartName="/${part}" ContentType="${CT.worksheet}"/>`, new RegExp(`PartName="/${part}"`));
    workbookXml = addSheetEntry(workbookXml ?? zip.whole(zip.get(book.workbookPart)!), table.name, id);
  }

  // The layout, settled as the sheet streams. The workbook part names the sheet's print titles and filter
  // range, so it is written after the sheet (and copied as it was when it gains nothing).
  const layout = plan.layout ? startLayout(withFlagsFiltered(plan.layout, flags), tableRanges(zip, sheet.part)) : null;
  const workbookEdited = workbookXml;
  const workbookPart = (): string | null => {
    const before = workbookEdited ?? zip.whole(zip.get(book.workbookPart)!);
    const after = layout ? layoutWorkbook(before, sheet.name, layout) : before;
    return workbookEdited !== null || after !== before ? after : null;
  };

  // Notes: the sheet's comments part and its drawing, made when the sheet has none and we have notes.
  const relsEntry = zip.get(sheet.relsPart);
  let sheetRels = relsEntry ? zip.whole(relsEntry) : null;
  const rels = readRelationships(zip, sheet.part);
  let commentsPart = rels.find((r) => r.type === REL.comments && !r.external && zip.get(r.target))?.target ?? null;
  let vmlPart = await notesDrawing(zip, sheet.part, rels);
  let legacyDrawing: string | null = null;
  let notesWritten = 0;
  if (commentsPart || plan.notes.length > 0) {
    const notes = patchNotes(
      commentsPart ? zip.whole(zip.get(commentsPart)!) : EMPTY_COMMENTS,
      vmlPart ? zip.whole(zip.get(vmlPart)!) : emptyVml(freeIdBlock(zip)),
      plan.notes,
    );
    notesWritten = notes.written;
    const dir = path.dirname(sheet.part);
    if (!commentsPart) {
      commentsPart = freshName(book, taken, (n) => path.join(path.dirname(book.workbookPart), `comments${n}.xml`));
      added.push({ name: commentsPart, text: notes.comments });
      sheetRels = addRelationship(sheetRels ?? EMPTY_RELS, REL.comments, path.relative(dir, commentsPart)).xml;
      types = addContentType(types, `<Override PartName="/${commentsPart}" ContentType="${CT.comments}"/>`, new RegExp(`PartName="/${commentsPart}"`));
    } else replaced.set(commentsPart, notes.comments);
    if (!vmlPart) {
      vmlPart = freshName(book, taken, (n) => path.join(path.dirname(book.workbookPart), 'drawings', `vmlDrawing${n}.vml`));
      added.push({ name: vmlPart, text: notes.vml });
      const rel = addRelationship(sheetRels ?? EMPTY_RELS, REL.vmlDrawing, path.relative(dir, vmlPart));
      sheetRels = rel.xml;
      legacyDrawing = rel.id;
      types = addContentType(types, `<Default Extension="vml" ContentType="${CT.vml}"/>`, /<Default\s+Extension="vml"/i);
    } else replaced.set(vmlPart, notes.vml);
  }

  const width = new Map(plan.layout?.columnWidths.map((c) => [c.column, c.width]));
  const wrapped = new Set(plan.layout?.wrapColumns);
  const edit: SheetEdit = {
    plan,
    flags,
    styles,
    widths: plan.headers.map((_, i) => width.get(plan.firstColumn + i) ?? DEFAULT_WIDTH),
    wrapColumns: new Set(plan.headers.map((_, i) => i).filter((i) => wrapped.has(plan.firstColumn + i))),
    legacyDrawing,
    layout,
  };
  replaced.set(sheet.part, () => patchSheetXml(zip.textStream(zip.get(sheet.part)!), edit));
  replaced.set('[Content_Types].xml', () => [types]);
  if (sheetRels !== null) {
    if (relsEntry) replaced.set(relsEntry.name, () => [sheetRels as string]); // its stored name (any case)
    else added.push({ name: sheet.relsPart, text: sheetRels });
  }
  if (workbookRels !== null) {
    const text: string = workbookRels;
    if (workbookRelsEntry) replaced.set(workbookRelsEntry.name, () => [text]);
    else added.push({ name: relsPartOf(book.workbookPart), text });
  }

  await writePackage(outPath, async (writer) => {
    let sheetWritten = false;
    let workbookEntry: ZipEntry | null = null;
    const writeWorkbook = (entry: ZipEntry) => {
      const text = workbookPart();
      if (text === null) writer.copy(zip, entry);
      else writer.add(entry.name, [text], entry);
    };
    for (const entry of zip.entries) {
      if (entry.name === book.workbookPart) {
        if (sheetWritten || !layout) writeWorkbook(entry);
        else workbookEntry = entry;
        continue;
      }
      const replacement = replaced.get(entry.name);
      const chunks = replacement?.();
      if (chunks) await writer.addStream(entry.name, inTurn(chunks), entry);
      else writer.copy(zip, entry);
      if (entry.name === sheet.part) {
        sheetWritten = true;
        if (workbookEntry) writeWorkbook(workbookEntry);
      }
    }
    for (const part of added) await writer.addStream(part.name, inTurn(typeof part.text === 'string' ? [part.text] : part.text()), zip.get(sheet.part));
  });
  return { notes: notesWritten };
}

/** A VML drawing that holds notes' shapes (a header or footer picture's drawing holds none). */
const NOTE_SHAPE = /ObjectType\s*=\s*["']Note["']/i;
/** The sheet's `<legacyDrawing r:id>` (not `legacyDrawingHF`), whatever the prefixes. */
const LEGACY_DRAWING = /<(?:[\w.-]+:)?legacyDrawing\s[^>]*?(?:[\w.-]+:)?id\s*=\s*["']([^"']+)["']/;

/**
 * The notes' drawing: the VML part the sheet's `<legacyDrawing>` names. A sheet may also have a drawing for a
 * header or footer picture (`<legacyDrawingHF>`), which is the user's and never gets our notes. When every VML
 * part of the sheet holds notes' shapes (or there is none) that is the answer; otherwise the sheet is read for
 * its `<legacyDrawing>` (it comes after the cells, so the whole part is read, once, and only then).
 */
/**
 * The shape-id block a new note drawing takes: one past every block the package's other drawings name (their
 * start only is read: a drawing of a sheet full of notes can be large).
 */
function freeIdBlock(zip: Workbook['zip']): number {
  let last = 0;
  for (const entry of zip.entries) {
    if (!/\.vml$/i.test(entry.name)) continue;
    let head = '';
    for (const chunk of zip.text(entry)) {
      head += chunk;
      if (/<o:idmap\b[^>]*>/.test(head) || head.length > 65536) break;
    }
    for (const block of idBlocks(head)) last = Math.max(last, block);
  }
  return last + 1;
}

async function notesDrawing(zip: Workbook['zip'], sheetPart: string, rels: ReturnType<typeof readRelationships>): Promise<string | null> {
  const vml = rels.filter((r) => r.type === REL.vmlDrawing && !r.external && zip.get(r.target));
  if (vml.length === 0) return null;
  if (vml.length === 1 && NOTE_SHAPE.test(zip.whole(zip.get(vml[0].target)!))) return vml[0].target;
  let tail = '';
  for await (const chunk of zip.textStream(zip.get(sheetPart)!)) {
    tail = tail.slice(-512) + chunk;
    const m = LEGACY_DRAWING.exec(tail);
    if (m) return vml.find((r) => r.id === m[1])?.target ?? null;
  }
  return null;
}

/**
 * Chunks made here, as a stream: every part is then deflated on zlib's thread pool while the next chunk is
 * made (the notes of 100,000 rows are about 37 MB of comments and drawing, deflated on this thread before).
 */
async function* inTurn<T>(chunks: Iterable<T> | AsyncIterable<T>): AsyncGenerator<T> {
  yield* chunks;
}
