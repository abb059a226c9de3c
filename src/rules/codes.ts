/** The one constructor of CodeLine objects (the code table itself is data in codeTable.ts). */
import { kept, keptRows, list, mapped } from './arrays';
import { joinSentences } from './sentences';
import type { CodeKind, CodeLine, LineClaim } from './types';

/** The modifiers of a line without any: one shared, frozen list (most lines have none). */
export const NO_MODIFIERS: string[] = Object.freeze([]) as unknown as string[];

/** The lines of a row that holds none: one shared, frozen list (never changed). */
export const NO_LINES: CodeLine[] = Object.freeze([]) as unknown as CodeLine[];

/**
 * Every CodeLine is made here, so all share one object shape (this matters at 100,000 rows). `explanation`
 * comes from `sentence` (sentences.ts), so each text is kept once.
 */
export function codeLine(
  kind: CodeKind,
  code: string,
  units: number,
  modifiers: string[],
  row: number,
  rows: number[],
  date: string | null,
  drug: string | null,
  explanation: string,
  ndc?: string,
): CodeLine {
  return { kind, code, units, modifiers: modifiers.length === 0 ? NO_MODIFIERS : modifiers, row, rows, date, drug, explanation, ndc };
}

/**
 * A line with the claims step's modifiers and claim data, written out field by field: one object shape for
 * every claimed line (a spread of each line took a fifth of the claims step at 100,000 rows).
 */
export function withClaim(line: CodeLine, modifiers: string[], claim: LineClaim): CodeLine {
  const { kind, code, units, row, rows, date, drug, explanation, ndc } = line;
  return { kind, code, units, modifiers: modifiers.length === 0 ? NO_MODIFIERS : modifiers, row, rows, date, drug, explanation, ndc, claim };
}

/** The code table lives in codeTable.ts; kept here for older imports. */
export { orphanAddOns } from './codeTable';

/**
 * One entry per code + modifiers, units summed, in first-appearance order (single lines are shared, not
 * copied). `combine` lets a later step carry its own fields (the claims step sums amounts) onto the merged line.
 */
export function mergeCodeLines<T extends CodeLine>(lines: T[], combine: (group: T[], merged: T) => T = (_g, m) => m): T[] {
  if (lines.length < 2) return kept(lines); // nothing to merge (most rows and many encounters)
  if (lines.length <= 16) {
    if (!hasRepeat(lines)) return kept(lines); // most encounters: no code twice
    // A few lines with a repeat (two 96375 pushes): each group gathered at its first line, compared pairwise
    // (a map of keys and a set of rows per merge were a tenth of this step's garbage).
    const out = list<T>();
    for (let i = 0; i < lines.length; i++) {
      const first = lines[i];
      let seen = false;
      for (let j = 0; j < i && !seen; j++) seen = sameCodeAndModifiers(lines[j], first);
      if (seen) continue;
      let group: T[] | null = null;
      for (let j = i + 1; j < lines.length; j++) if (sameCodeAndModifiers(lines[j], first)) (group ??= [first]).push(lines[j]);
      out.push(group ? merged(group, combine) : first);
    }
    return kept(out);
  }
  const groups = new Map<string, T[]>();
  for (const l of lines) {
    const key = l.modifiers.length === 0 ? l.code : `${l.code}|${l.modifiers.join('|')}`; // a code alone: no string to build
    const group = groups.get(key);
    if (group) group.push(l);
    else groups.set(key, [l]);
  }
  const out: T[] = [];
  for (const group of groups.values()) out.push(group.length === 1 ? group[0] : merged(group, combine));
  return out;
}

/** One line for a group of lines of one code and modifiers: units summed, rows each once, sentences joined. */
function merged<T extends CodeLine>(group: T[], combine: (group: T[], merged: T) => T): T {
  const first = group[0];
  let units = 0;
  for (const l of group) units += l.units;
  const explanation = joinSentences(mapped(group, (l) => l.explanation));
  return combine(group, { ...first, units, rows: distinctRows(group), explanation });
}

/** The rows of lines, each once, in order: a few searched in a list, more through a set. */
function distinctRows(lines: readonly CodeLine[]): number[] {
  let count = 0;
  for (const l of lines) count += l.rows.length;
  if (count > 16) {
    const rows = new Set<number>();
    for (const l of lines) for (const r of l.rows) rows.add(r);
    return keptRows([...rows]);
  }
  const rows: number[] = [];
  for (const l of lines) for (const r of l.rows) if (!rows.includes(r)) rows.push(r);
  return keptRows(rows);
}

/** Two lines with the same code and modifiers (the lines `mergeCodeLines` joins). */
function sameCodeAndModifiers(a: CodeLine, b: CodeLine): boolean {
  if (a.code !== b.code || a.modifiers.length !== b.modifiers.length) return false;
  for (let i = 0; i < a.modifiers.length; i++) if (a.modifiers[i] !== b.modifiers[i]) return false;
  return true;
}

/** Whether any two of a few lines would merge: compared pairwise, which for a few lines beats a map of keys. */
function hasRepeat(lines: readonly CodeLine[]): boolean {
  for (let i = 1; i < lines.length; i++) for (let j = 0; j < i; j++) if (sameCodeAndModifiers(lines[i], lines[j])) return true;
  return false;
}
