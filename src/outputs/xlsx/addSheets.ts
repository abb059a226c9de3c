/**
 * Adds the sheets of a small workbook we made (the report, written by exceljs) to the user's package, the
 * way the coded copy is written: every part of the user's package is copied as its compressed bytes, except
 * the parts that list sheets and styles (workbook, its relationships, content types, styles), which get the
 * new entries. Sheets `replace` names (an earlier report) are left out with their tables and drawings, so
 * building again gives the same file. Re-saving the whole workbook through exceljs instead lost notes on
 * empty cells, printer settings, constant names, pivots and charts.
 *
 * The added sheets take inline strings (the user's shared strings are not touched) and styles appended to
 * the user's (a style the user's part already has, such as one an earlier report added, is reused).
 */
import * as fsPath from 'path';
import JSZip from 'jszip';
import { ensureChild, findContainer } from './styles';
import { openWorkbook, readRelationships, relsPartOf, type SheetPart } from './workbook';
import { escapeAttribute } from './xml';
import { writePackage, ZipReader, type ZipEntry } from './zip';

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const TYPES = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  table: 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml',
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
};
const IMAGE_TYPES: Record<string, string> = { png: 'image/png', jpeg: 'image/jpeg', jpg: 'image/jpeg', gif: 'image/gif' };

/** A part to write: its name in the output and its bytes or text. */
interface NewPart {
  name: string;
  data: string | Uint8Array;
}

/** Adds `added`'s sheets to the package at `userFile`, without the user's sheets `replace` names; writes `outPath`. */
export async function addSheetsToPackage(userFile: string, added: Buffer, replace: (name: string) => boolean, outPath: string): Promise<void> {
  const zip = new ZipReader(userFile);
  try {
    const book = openWorkbook(zip);
    const report = await JSZip.loadAsync(added);
    const text = (entry: ZipEntry) => zip.whole(entry);
    const workbookEntry = zip.get(book.workbookPart)!;
    const workbookRelsEntry = zip.get(relsPartOf(book.workbookPart));
    const typesEntry = zip.get('[Content_Types].xml');
    if (!workbookRelsEntry || !typesEntry) throw new Error('the workbook has no relationships or content types part');

    // The user's sheets that an earlier report made: left out, with what only they use.
    const dropped = book.sheets.filter((s) => replace(s.name));
    const droppedParts = new Set<string>();
    for (const s of dropped) for (const part of ownedParts(zip, s)) droppedParts.add(part);
    // A part a kept part still uses (a picture a user's sheet shares with the old report) stays. The workbook's
    // own list is left out: its entries for the dropped sheets go with them.
    const workbookRelsPart = relsPartOf(book.workbookPart);
    for (const e of zip.entries) {
      if (droppedParts.has(e.name) || !e.name.endsWith('.rels') || e.name === workbookRelsPart) continue;
      const owner = e.name.replace(/(^|\/)_rels\/([^/]*)\.rels$/, '$1$2');
      for (const r of listRelationships(zip.whole(e))) droppedParts.delete(absolute(owner, r.target).slice(1));
    }
    // The calculation chain lists cells of the dropped sheets by sheet id: Excel rebuilds it when it is missing.
    const calcChain = dropped.length > 0 ? readRelationships(zip, book.workbookPart).find((r) => !r.external && r.type.endsWith('/calcChain')) : undefined;
    if (calcChain) droppedParts.add(calcChain.target);
    const kept = zip.entries.filter((e) => !droppedParts.has(e.name));
    const names = new Set(kept.map((e) => e.name));
    const freeName = (dir: string, base: string, ext: string) => {
      for (let n = 1; ; n++) {
        const name = `${dir}/${base}${n}.${ext}`;
        if (!names.has(name)) {
          names.add(name);
          return name;
        }
      }
    };

    // Styles: the report's appended to the user's; `xf` maps the report's cell style indexes to the user's.
    const reportStyles = await report.file('xl/styles.xml')!.async('string');
    const stylesEntry = book.stylesPart ? zip.get(book.stylesPart) : undefined;
    const merged = stylesEntry ? mergeStyles(text(stylesEntry), reportStyles) : { xml: reportStyles, xf: (i: number) => i };
    const stylesPart = stylesEntry?.name ?? (names.has('xl/styles.xml') ? freeName('xl', 'styles', 'xml') : 'xl/styles.xml');

    const strings = sharedStrings(report.file('xl/sharedStrings.xml') ? await report.file('xl/sharedStrings.xml')!.async('string') : '');
    const userTables = tablesOf(zip, kept);
    // Table names and defined names share one namespace in Excel.
    for (const m of text(workbookEntry).matchAll(DEFINED_NAME)) {
      const tag = m[0].slice(0, m[0].indexOf('>') + 1);
      if (attrValue(tag, 'localSheetId') === undefined) userTables.names.add((attrValue(tag, 'name') ?? '').toLowerCase());
    }
    let tableId = userTables.maxId;
    const parts: NewPart[] = [];
    const overrides: [string, string][] = [];
    const sheets: { name: string; part: string }[] = [];
    for (const sheet of await reportSheets(report)) {
      const part = freeName('xl/worksheets', 'sheet', 'xml');
      const rels: string[] = [];
      for (const rel of await reportRels(report, sheet.part)) {
        let target: string;
        if (rel.type.endsWith('/table')) {
          target = freeName('xl/tables', 'table', 'xml');
          const xml = (await report.file(rel.target)!.async('string')).replace(/(<table\b[^>]*?\sid=")\d+"/, `$1${++tableId}"`);
          const name = /<table\b[^>]*?\sname="([^"]*)"/.exec(xml)?.[1] ?? '';
          if (userTables.names.has(name.toLowerCase())) throw new SheetsConflict(`the workbook already has a table or a name called ${name}; rename it and build the report again`);
          parts.push({ name: target, data: xml });
          overrides.push([target, TYPES.table]);
        } else if (rel.type.endsWith('/drawing')) {
          target = freeName('xl/drawings', 'drawing', 'xml');
          parts.push({ name: target, data: await report.file(rel.target)!.async('string') });
          overrides.push([target, TYPES.drawing]);
          const media: string[] = [];
          for (const image of await reportRels(report, rel.target)) {
            const ext = fsPath.extname(image.target).slice(1).toLowerCase();
            const name = freeName('xl/media', 'image', ext);
            parts.push({ name, data: await report.file(image.target)!.async('uint8array') });
            media.push(relationship(image.id, image.type, relativeTo(target, name)));
          }
          parts.push({ name: relsPartOf(target), data: relationships(media) });
        } else continue;
        rels.push(relationship(rel.id, rel.type, relativeTo(part, target)));
      }
      const xml = restyled(inlined(await report.file(sheet.part)!.async('string'), strings), merged.xf);
      parts.push({ name: part, data: xml });
      if (rels.length > 0) parts.push({ name: relsPartOf(part), data: relationships(rels) });
      overrides.push([part, TYPES.worksheet]);
      sheets.push({ name: sheet.name, part });
    }

    // The parts that list them.
    const droppedIds = new Set<string>();
    const workbookRels = listRelationships(text(workbookRelsEntry));
    for (const r of workbookRels) {
      const target = absolute(book.workbookPart, r.target);
      if (dropped.some((s) => `/${s.part}` === target) || (calcChain && `/${calcChain.target}` === target)) droppedIds.add(r.id);
    }
    const ids = new Set(workbookRels.map((r) => r.id).filter((id) => !droppedIds.has(id)));
    const newIds = sheets.map(() => nextId(ids));
    let relsXml = removeRelationships(text(workbookRelsEntry), droppedIds);
    const addedRels = sheets.map((s, i) => relationship(newIds[i], `${REL}/worksheet`, relativeTo(book.workbookPart, s.part)));
    if (!stylesEntry) addedRels.push(relationship(nextId(ids), `${REL}/styles`, relativeTo(book.workbookPart, stylesPart)));
    relsXml = relsXml.replace(/<\/Relationships>\s*$/, `${addedRels.join('')}</Relationships>`);
    const reportWorkbook = await report.file('xl/workbook.xml')!.async('string');
    const workbookXml = editWorkbook(text(workbookEntry), droppedIds, sheets.map((s, i) => ({ name: s.name, id: newIds[i] })), reportWorkbook);
    if (!stylesEntry) overrides.push([stylesPart, TYPES.styles]);
    const typesXml = editContentTypes(text(typesEntry), droppedParts, overrides, parts);

    const replaced = new Map<string, string>([
      [workbookEntry.name, workbookXml],
      [workbookRelsEntry.name, relsXml],
      [typesEntry.name, typesXml],
    ]);
    if (stylesEntry) replaced.set(stylesEntry.name, merged.xml);
    else parts.push({ name: stylesPart, data: merged.xml });

    await writePackage(outPath, (writer) => {
      for (const entry of kept) {
        const changed = replaced.get(entry.name);
        if (changed !== undefined) writer.add(entry.name, [changed], entry);
        else writer.copy(zip, entry);
      }
      for (const part of parts) writer.add(part.name, [part.data], workbookEntry);
    });
  } finally {
    zip.close();
  }
}

/** The worksheets of a package and the names of their tables, read as the coder reads (any prefix or quote). */
export function packageSheets(file: string): { name: string; tables: string[] }[] {
  const zip = new ZipReader(file);
  try {
    const book = openWorkbook(zip);
    return book.sheets.map((sheet) => ({
      name: sheet.name,
      tables: readRelationships(zip, sheet.part)
        .filter((r) => !r.external && r.type.endsWith('/table') && zip.get(r.target))
        .map((r) => {
          const tag = /<(?:\w+:)?table\b[^>]*>/.exec(zip.whole(zip.get(r.target)!))?.[0] ?? '';
          return attrValue(tag, 'name') ?? attrValue(tag, 'displayName') ?? '';
        })
        .filter((name) => name !== ''),
    }));
  } finally {
    zip.close();
  }
}

/** A sheet's part, its relationships, and the tables, drawings and images it alone uses. */
function ownedParts(zip: ZipReader, sheet: SheetPart): string[] {
  const out = [sheet.part, sheet.relsPart];
  for (const rel of readRelationships(zip, sheet.part)) {
    if (rel.external) continue;
    if (rel.type.endsWith('/table')) out.push(rel.target);
    if (rel.type.endsWith('/drawing')) {
      out.push(rel.target, relsPartOf(rel.target));
      for (const image of readRelationships(zip, rel.target)) if (!image.external && image.type.endsWith('/image')) out.push(image.target);
    }
  }
  return out;
}

/** The user's tables: the highest id and the names (both unique across a workbook). */
function tablesOf(zip: ZipReader, entries: ZipEntry[]): { maxId: number; names: Set<string> } {
  let maxId = 0;
  const names = new Set<string>();
  for (const e of entries) {
    if (!/(^|\/)tables\/[^/]+\.xml$/.test(e.name)) continue;
    const tag = /<(?:\w+:)?table\b[^>]*>/.exec(zip.whole(e))?.[0] ?? '';
    maxId = Math.max(maxId, Number(attrValue(tag, 'id') ?? 0));
    for (const name of [attrValue(tag, 'name'), attrValue(tag, 'displayName')]) if (name) names.add(name.toLowerCase());
  }
  return { maxId, names };
}

/** The report cannot go into this workbook as it is (the message says what to rename). */
export class SheetsConflict extends Error {}

async function reportSheets(report: JSZip): Promise<{ name: string; part: string }[]> {
  const rels = new Map((await reportRels(report, 'xl/workbook.xml')).map((r) => [r.id, r.target]));
  const workbook = await report.file('xl/workbook.xml')!.async('string');
  const out: { name: string; part: string }[] = [];
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\sname="([^"]*)"/.exec(m[0])?.[1];
    const part = rels.get(/\sr:id="([^"]*)"/.exec(m[0])?.[1] ?? '');
    if (name !== undefined && part) out.push({ name: unescapeAttribute(name), part });
  }
  return out;
}

/** A part's relationships in the report package, targets resolved to part names. */
async function reportRels(report: JSZip, part: string): Promise<{ id: string; type: string; target: string }[]> {
  const file = report.file(relsPartOf(part));
  if (!file) return [];
  return listRelationships(await file.async('string')).map((r) => ({ ...r, target: absolute(part, r.target).slice(1) }));
}

function listRelationships(xml: string): { id: string; type: string; target: string }[] {
  return [...xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)].map((m) => ({
    id: attrValue(m[0], 'Id') ?? '',
    type: attrValue(m[0], 'Type') ?? '',
    target: attrValue(m[0], 'Target') ?? '',
  }));
}

/** A relationship target as an absolute part name (`/xl/worksheets/sheet1.xml`). */
function absolute(fromPart: string, target: string): string {
  if (target.startsWith('/')) return target;
  const parts = fromPart.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return `/${parts.join('/')}`;
}

/** `part` as a target relative to `owner`'s folder (`../tables/table1.xml`), as Excel writes them. */
function relativeTo(owner: string, part: string): string {
  return fsPath.posix.relative(fsPath.posix.dirname(owner), part);
}

function relationship(id: string, type: string, target: string): string {
  return `<Relationship Id="${id}" Type="${type}" Target="${escapeAttribute(target)}"/>`;
}

function relationships(list: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${list.join('')}</Relationships>`;
}

function nextId(ids: Set<string>): string {
  let n = 1;
  while (ids.has(`rId${n}`)) n++;
  ids.add(`rId${n}`);
  return `rId${n}`;
}

function removeRelationships(xml: string, ids: Set<string>): string {
  if (ids.size === 0) return xml;
  return xml.replace(/<(?:\w+:)?Relationship\b[^>]*?\/>|<(?:\w+:)?Relationship\b[^>]*?>[\s\S]*?<\/(?:\w+:)?Relationship>/g, (m) => (ids.has(attrValue(m, 'Id') ?? '') ? '' : m));
}

/**
 * An attribute of a start tag as the user's parts may write it: either quote, spaces around `=` (`name` is a
 * pattern: `[\\w.-]+:id` for a relationship id under any prefix).
 */
function attrValue(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return m ? unescapeAttribute(m[1] ?? m[2]) : undefined;
}

/** The tag with the attribute set to `value` (written with double quotes). */
function setAttr(tag: string, name: string, value: string | number): string {
  return tag.replace(new RegExp(`\\s${name}\\s*=\\s*(?:"[^"]*"|'[^']*')`), ` ${name}="${value}"`);
}

function unescapeAttribute(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e] as string);
}

/** The report's shared strings, each as the content of an inline string (`<t>..</t>` or rich-text runs). */
function sharedStrings(xml: string): string[] {
  return [...xml.matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g)].map((m) => m[1] ?? '');
}

/** Cells that point into the report's shared strings hold their text inline instead. */
function inlined(sheet: string, strings: string[]): string {
  return sheet.replace(/<c\b([^>]*?)\st="s"([^>]*)><v>(\d+)<\/v><\/c>/g, (_, before: string, after: string, index: string) => `<c${before} t="inlineStr"${after}><is>${strings[Number(index)] ?? ''}</is></c>`);
}

/** Cell, row and column styles renumbered into the merged styles part. */
function restyled(sheet: string, xf: (index: number) => number): string {
  return sheet
    .replace(/(<c\b[^>]*?\ss=")(\d+)"/g, (_, head: string, n: string) => `${head}${xf(Number(n))}"`)
    .replace(/(<row\b[^>]*?\ss=")(\d+)"/g, (_, head: string, n: string) => `${head}${xf(Number(n))}"`)
    .replace(/(<col\b[^>]*?\sstyle=")(\d+)"/g, (_, head: string, n: string) => `${head}${xf(Number(n))}"`);
}

/** The children of a styles container, as text, in order. */
function children(xml: string, container: string, child: string): string[] {
  const found = findContainer(xml, container);
  if (!found || found.selfClosing) return [];
  const content = xml.slice(found.contentStart, found.contentEnd);
  return [...content.matchAll(new RegExp(`<(?:\\w+:)?${child}\\b[^>]*?/>|<(?:\\w+:)?${child}\\b[^>]*?>[\\s\\S]*?</(?:\\w+:)?${child}>`, 'g'))].map((m) => m[0]);
}

/** The report's styles added to the user's; `xf` maps a report cell style to the merged part's. */
function mergeStyles(user: string, report: string): { xml: string; xf: (index: number) => number } {
  let xml = user;
  const prefix = findContainer(xml, 'styleSheet')?.prefix ?? '';
  // The report's elements take the prefix the user's part gives the main namespace.
  const inPrefix = (fragment: string) => (prefix ? fragment.replace(/<(\/?)(?![\w.-]+:)([A-Za-z_][\w.-]*)/g, `<$1${prefix}$2`) : fragment);
  const add = (container: string, child: string, fragment: string): number => {
    const r = ensureChild(xml, container, child, () => inPrefix(fragment));
    xml = r.xml;
    return r.index;
  };
  // Number formats by code: the user's id when the user has the same code, else the next free id.
  const formatIds = new Map<number, number>();
  const userFormats = children(xml, 'numFmts', 'numFmt');
  let nextFormat = 164;
  for (const f of userFormats) nextFormat = Math.max(nextFormat, Number(attrValue(f, 'numFmtId') ?? 0) + 1);
  for (const f of children(report, 'numFmts', 'numFmt')) {
    const id = Number(/\snumFmtId="(\d+)"/.exec(f)?.[1]);
    const code = /\sformatCode="([^"]*)"/.exec(f)?.[1] ?? '';
    const same = userFormats.find((u) => attrValue(u, 'formatCode') === unescapeAttribute(code));
    const userId = same ? Number(attrValue(same, 'numFmtId')) : nextFormat++;
    if (!same) add('numFmts', 'numFmt', `<numFmt numFmtId="${userId}" formatCode="${code}"/>`);
    formatIds.set(id, userId);
  }
  const fonts = children(report, 'fonts', 'font').map((f) => add('fonts', 'font', f));
  const fills = children(report, 'fills', 'fill').map((f) => add('fills', 'fill', f));
  const borders = children(report, 'borders', 'border').map((f) => add('borders', 'border', f));
  const at = (list: number[], attr: string, x: string) => list[Number(new RegExp(`\\s${attr}="(\\d+)"`).exec(x)?.[1] ?? 0)] ?? 0;
  const xfs = children(report, 'cellXfs', 'xf').map((x) => {
    const numFmt = Number(/\snumFmtId="(\d+)"/.exec(x)?.[1] ?? 0);
    const remapped = x
      .replace(/\snumFmtId="\d+"/, ` numFmtId="${formatIds.get(numFmt) ?? numFmt}"`)
      .replace(/\sfontId="\d+"/, ` fontId="${at(fonts, 'fontId', x)}"`)
      .replace(/\sfillId="\d+"/, ` fillId="${at(fills, 'fillId', x)}"`)
      .replace(/\sborderId="\d+"/, ` borderId="${at(borders, 'borderId', x)}"`)
      .replace(/\sxfId="\d+"/, ' xfId="0"');
    return add('cellXfs', 'xf', remapped);
  });
  return { xml, xf: (index) => xfs[index] ?? 0 };
}

const DEFINED_NAME = /<(?:\w+:)?definedName\b[^>]*>[\s\S]*?<\/(?:\w+:)?definedName>/g;

/** The user's workbook part without the dropped sheets, with the report's sheets and their defined names. */
function editWorkbook(xml: string, droppedIds: Set<string>, added: { name: string; id: string }[], reportWorkbook: string): string {
  const SHEET = /<(?:\w+:)?sheet\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?sheet>)/g;
  const sheetTags = [...xml.matchAll(SHEET)].map((m) => m[0]);
  const idOf = (tag: string) => attrValue(tag, '[\\w.-]+:id') ?? '';
  const droppedIndexes = sheetTags.map((tag, i) => (droppedIds.has(idOf(tag)) ? i : -1)).filter((i) => i >= 0);
  const keptCount = sheetTags.length - droppedIndexes.length;
  const shift = (index: number) => index - droppedIndexes.filter((d) => d < index).length;
  let maxSheetId = 0;
  for (const tag of sheetTags) if (!droppedIds.has(idOf(tag))) maxSheetId = Math.max(maxSheetId, Number(attrValue(tag, 'sheetId') ?? 0));
  const prefix = /<(\w+:)?sheets\b/.exec(xml)?.[1] ?? '';
  const rPrefix = /\sxmlns:([\w.-]+)\s*=\s*["']http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships["']/.exec(xml)?.[1] ?? 'r';
  const namespace = new RegExp(`\\sxmlns:${rPrefix}\\s*=`).test(xml) ? '' : ` xmlns:${rPrefix}="${REL}"`;

  let out = xml.replace(SHEET, (m) => (droppedIds.has(idOf(m)) ? '' : m));
  const newSheets = added.map((s, i) => `<${prefix}sheet name="${escapeAttribute(s.name)}" sheetId="${maxSheetId + i + 1}" ${rPrefix}:id="${s.id}"${namespace}/>`).join('');
  out = out.replace(new RegExp(`</${prefix}sheets>`), `${newSheets}</${prefix}sheets>`);

  // Defined names: those of dropped sheets go, later sheets' indexes shift, the report's come after.
  out = out.replace(DEFINED_NAME, (m) => {
    const end = m.indexOf('>') + 1;
    const local = attrValue(m.slice(0, end), 'localSheetId');
    if (local === undefined) return m;
    const index = Number(local);
    return droppedIndexes.includes(index) ? '' : setAttr(m.slice(0, end), 'localSheetId', shift(index)) + m.slice(end);
  });
  const reportNames = [...reportWorkbook.matchAll(/<definedName\b[^>]*?\slocalSheetId="(\d+)"[^>]*>[\s\S]*?<\/definedName>/g)].map((m) =>
    m[0].replace(/\slocalSheetId="\d+"/, ` localSheetId="${keptCount + Number(m[1])}"`).replace(/<(\/?)definedName/g, `<$1${prefix}definedName`),
  );
  if (reportNames.length > 0) {
    if (new RegExp(`</${prefix}definedNames>`).test(out)) out = out.replace(new RegExp(`</${prefix}definedNames>`), `${reportNames.join('')}</${prefix}definedNames>`);
    else {
      // definedNames follows sheets, functionGroups and externalReferences (ECMA-376 18.2.27).
      const after = ['externalReferences', 'functionGroups', 'sheets'].map((e) => `</${prefix}${e}>`).find((e) => out.includes(e)) as string;
      out = out.replace(after, `${after}<${prefix}definedNames>${reportNames.join('')}</${prefix}definedNames>`);
    }
  }
  // Dropped sheets' defined names left an empty list, which Excel refuses.
  out = out.replace(new RegExp(`<${prefix}definedNames>\\s*</${prefix}definedNames>`), '');
  // The active and first tab keep pointing at the sheet they pointed at; one that pointed at a dropped (report)
  // sheet points at the rebuilt report's first sheet, never at whatever sheet slid into its place.
  return out.replace(/<(?:\w+:)?workbookView\b[^>]*>/g, (tag) => {
    let view = tag;
    for (const name of ['activeTab', 'firstSheet']) {
      const value = attrValue(view, name);
      if (value === undefined) continue;
      const index = Number(value);
      const next = droppedIndexes.includes(index) && added.length > 0 ? keptCount : Math.min(shift(index), keptCount + added.length - 1);
      view = setAttr(view, name, Math.max(0, next));
    }
    return view;
  });
}

/** Content types without the dropped parts, with the new parts (and a default for each new image extension). */
function editContentTypes(xml: string, dropped: Set<string>, overrides: [string, string][], parts: NewPart[]): string {
  const out = xml.replace(/<(?:\w+:)?Override\b[^>]*?\/>/g, (m) => (dropped.has((attrValue(m, 'PartName') ?? '').replace(/^\//, '')) ? '' : m));
  const defaults = new Set([...out.matchAll(/<(?:\w+:)?Default\b[^>]*>/g)].map((m) => (attrValue(m[0], 'Extension') ?? '').toLowerCase()));
  let add = '';
  for (const part of parts) {
    const ext = fsPath.extname(part.name).slice(1).toLowerCase();
    if (IMAGE_TYPES[ext] && !defaults.has(ext)) {
      defaults.add(ext);
      add += `<Default Extension="${ext}" ContentType="${IMAGE_TYPES[ext]}"/>`;
    }
  }
  for (const [name, type] of overrides) add += `<Override PartName="/${name}" ContentType="${type}"/>`;
  return out.replace(/<\/((?:\w+:)?)Types>\s*$/, (_, p: string) => `${p ? add.replace(/<(Default|Override)\b/g, `<${p}$1`) : add}</${p}Types>`);
}
