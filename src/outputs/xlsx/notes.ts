/**
 * Notes (legacy comments) on the coded sheet: the comments part and the VML drawing that shows them.
 * A note is ours when its text starts with NOTE_PREFIX: an earlier run's notes are dropped and this run's
 * added; every other note (the user's, threaded comments' placeholders) is copied as it was, and a cell
 * that already carries one keeps it (our finding is in the IC Findings column). Text in, text out.
 */
import { columnLetters } from '../../sheet/columns';
import { NOTE_PREFIX } from '../../sheet/plan';
import { escapeAttribute, escapeText } from './xml';

export interface Note {
  row: number;
  column: number;
  text: string;
}

const AUTHOR = 'Infusion Coder';

export const EMPTY_COMMENTS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors></authors><commentList></commentList></comments>';

/**
 * A note drawing with no shapes, in shape-id block `block`: each drawing of a workbook has its own block of 1024
 * shape ids (`o:idmap`), and two drawings sharing one make Excel repair the file.
 */
export function emptyVml(block = 1): string {
  return (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${block}"/></o:shapelayout>` +
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">' +
    '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype></xml>'
  );
}
export const EMPTY_VML = emptyVml();

/** The shape-id blocks a drawing's `o:idmap` names (`data="1,3"`), read from its start. */
export function idBlocks(vmlHead: string): number[] {
  const data = /<o:idmap\b[^>]*\bdata="([^"]*)"/.exec(vmlHead)?.[1] ?? '';
  return data.split(/[,\s]+/).map(Number).filter((n) => Number.isInteger(n) && n > 0);
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** The text of an element's <t> runs, entities decoded. */
function textOf(xml: string): string {
  let out = '';
  const re = /<(?:[\w.-]+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?t>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) out += m[1];
  return out.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, name: string) => {
    if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
    return ENTITIES[name] ?? whole;
  });
}

export interface NotesResult {
  /** The parts' text in chunks: a million-row sheet can carry hundreds of thousands of notes. */
  comments: () => Iterable<string>;
  vml: () => Iterable<string>;
  /** Cells whose notes this run wrote. */
  written: number;
}

/** The comments and VML parts with our old notes out and `notes` in (cells with a user's note skipped). */
export function patchNotes(commentsXml: string, vmlXml: string, notes: Note[]): NotesResult {
  const list = /<((?:[\w.-]+:)?)commentList\b[^>]*?(\/?)>/.exec(commentsXml);
  if (!list) throw new Error('the comments part has no comment list');
  const p = list[1];
  let before = commentsXml.slice(0, list.index);
  let inner = '';
  let after: string;
  if (list[2] === '/') after = commentsXml.slice(list.index + list[0].length);
  else {
    const close = commentsXml.indexOf(`</${p}commentList>`, list.index);
    inner = commentsXml.slice(list.index + list[0].length, close);
    after = commentsXml.slice(close + `</${p}commentList>`.length);
  }
  const removed = new Set<string>();
  const taken = new Set<string>();
  const kept = inner.replace(new RegExp(`<${p}comment\\b[^>]*?(?:/>|>[\\s\\S]*?</${p}comment>)`, 'g'), (comment) => {
    const ref = /\sref="([^"]+)"/.exec(comment)?.[1] ?? '';
    if (textOf(comment).startsWith(NOTE_PREFIX)) {
      removed.add(ref);
      return '';
    }
    taken.add(ref);
    return comment;
  });

  // Our author: found by name, else added after the user's authors (their authorIds stay valid).
  let authorId = -1;
  const authors = new RegExp(`<${p}authors\\b[^>]*?(?:/>|>([\\s\\S]*?)</${p}authors>)`).exec(before);
  const names = authors?.[1] ? [...authors[1].matchAll(new RegExp(`<${p}author\\b[^>]*>([\\s\\S]*?)</${p}author>`, 'g'))].map((m) => m[1]) : [];
  authorId = names.indexOf(AUTHOR);
  const ours = notes.filter((n) => !taken.has(`${columnLetters(n.column)}${n.row}`));
  if (authorId < 0 && ours.length > 0) {
    authorId = names.length;
    const list = `<${p}authors>${names.map((n) => `<${p}author>${n}</${p}author>`).join('')}<${p}author>${AUTHOR}</${p}author></${p}authors>`;
    before = authors ? before.slice(0, authors.index) + list + before.slice(authors.index + authors[0].length) : before + list;
  }
  const comment = (n: Note) =>
    `<${p}comment ref="${columnLetters(n.column)}${n.row}" authorId="${authorId}"><${p}text><${p}r><${p}t xml:space="preserve">${escapeText(n.text)}</${p}t></${p}r></${p}text></${p}comment>`;
  const comments = function* () {
    yield `${before}<${p}commentList>${kept}`;
    yield* inChunks(ours, comment);
    yield `</${p}commentList>${after}`;
  };
  return { comments, vml: patchVml(vmlXml, removed, ours), written: ours.length };
}

/** Items as text, a few thousand per chunk, so no part is ever built as one string. */
function* inChunks<T>(items: readonly T[], text: (item: T, index: number) => string): Generator<string> {
  const CHUNK = 2000;
  for (let i = 0; i < items.length; i += CHUNK) {
    let out = '';
    for (let j = i; j < Math.min(items.length, i + CHUNK); j++) out += text(items[j], j);
    yield out;
  }
}

/** The VML drawing with the shapes of removed notes dropped and one hidden note shape per new note. */
function patchVml(vml: string, removed: Set<string>, notes: Note[]): () => Iterable<string> {
  const kept = vml.replace(/<v:shape\b[^>]*>[\s\S]*?<\/v:shape>/g, (shape) => {
    if (!/ObjectType="Note"/.test(shape)) return shape;
    const row = /<x:Row>\s*(\d+)\s*<\/x:Row>/.exec(shape)?.[1];
    const column = /<x:Column>\s*(\d+)\s*<\/x:Column>/.exec(shape)?.[1];
    if (row === undefined || column === undefined) return shape;
    return removed.has(`${columnLetters(Number(column) + 1)}${Number(row) + 1}`) ? '' : shape;
  });
  if (notes.length === 0) return () => [kept];
  let typeId = /<v:shapetype\b[^>]*\bid="([^"]+)"[^>]*o:spt="202"/.exec(kept)?.[1] ?? /<v:shapetype\b[^>]*o:spt="202"[^>]*\bid="([^"]+)"/.exec(kept)?.[1];
  const end = kept.lastIndexOf('</xml>');
  if (end < 0) throw new Error('the note drawing is damaged');
  let extra = '';
  if (!typeId) {
    typeId = '_x0000_t202';
    extra = /<v:shapetype\b[\s\S]*?<\/v:shapetype>/.exec(EMPTY_VML)?.[0] ?? '';
  }
  // Shape ids in the drawing's own block (1025 for block 1), after its shapes.
  let first = (idBlocks(kept)[0] ?? 1) * 1024 + 1;
  for (const m of kept.matchAll(/\bid="_x0000_s(\d+)"/g)) first = Math.max(first, Number(m[1]) + 1);
  const type = typeId;
  return function* () {
    yield kept.slice(0, end) + extra;
    yield* inChunks(notes, (n, i) => noteShape(n, type, first + i));
    yield kept.slice(end);
  };
}

/** A hidden note shape anchored beside its cell, as Excel draws one. */
function noteShape(note: Note, typeId: string, id: number): string {
  const r = note.row - 1;
  const c = note.column - 1;
  return (
    `<v:shape id="_x0000_s${id}" type="#${escapeAttribute(typeId)}" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:180pt;height:80pt;z-index:${id - 1024};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${c + 1}, 15, ${Math.max(0, r - 1)}, 10, ${c + 4}, 15, ${r + 4}, 4</x:Anchor>` +
    `<x:AutoFill>False</x:AutoFill><x:Row>${r}</x:Row><x:Column>${c}</x:Column></x:ClientData></v:shape>`
  );
}

