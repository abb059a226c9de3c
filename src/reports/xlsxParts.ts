/**
 * Reading the report's own .xlsx package (written by exceljs) without loading its cells: which sheets it has
 * and their parts, to fill the Claim Lines rows into the saved file. Node only. (A user's workbook is read
 * with the coder's package reader: src/outputs/xlsx/addSheets.ts `packageSheets`.)
 */
import JSZip from 'jszip';

/** An attribute of an XML start tag (exact name, e.g. `r:id`), or null. */
export function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name.replace(/[.:]/g, '\\$&')}="([^"]*)"`).exec(tag);
  return m ? m[1] : null;
}

/** XML character references and the five entities, decoded. */
export function xmlUnescape(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e];
  });
}

/** Resolves a relationship target against the part that owns the relationship. */
export function resolvePart(owner: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = owner.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

export async function partText(zip: JSZip, part: string): Promise<string> {
  const f = zip.file(part);
  if (!f) throw new Error(`the workbook has no part ${part}`);
  return f.async('string');
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
}

/** The relationships of a part (empty when it has none). */
export async function relationships(zip: JSZip, part: string): Promise<Relationship[]> {
  const i = part.lastIndexOf('/');
  const rels = zip.file(`${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`);
  if (!rels) return [];
  const xml = await rels.async('string');
  return [...xml.matchAll(/<Relationship\b[^>]*>/g)].map((m) => ({
    id: attr(m[0], 'Id') ?? '',
    type: attr(m[0], 'Type') ?? '',
    target: attr(m[0], 'Target') ?? '',
  }));
}

export interface SheetPart {
  name: string;
  /** The worksheet part, e.g. `xl/worksheets/sheet3.xml`. */
  part: string;
}

/** The workbook's sheets in order, with their parts (chart sheets and others without a part are left out). */
export async function sheetParts(zip: JSZip): Promise<SheetPart[]> {
  const workbook = await partText(zip, 'xl/workbook.xml');
  const rels = new Map((await relationships(zip, 'xl/workbook.xml')).map((r) => [r.id, r]));
  const out: SheetPart[] = [];
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name');
    const rel = rels.get(attr(m[0], 'r:id') ?? '');
    if (name === null || !rel) continue;
    out.push({ name: xmlUnescape(name), part: resolvePart('xl/workbook.xml', rel.target) });
  }
  return out;
}
