/**
 * The drug-administration CPT codes the engine assigns, with short descriptions in our own words
 * (CPT descriptors are AMA-copyrighted and are not reproduced) and, for add-on codes, the primary
 * codes they must accompany in the same encounter.
 */
import type { CodeKind, CodeLine } from './types';

/** Every CodeLine is made here, so all share one object shape (this matters at 100,000 rows). */
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
): CodeLine {
  return { kind, code, units, modifiers, row, rows, date, drug, explanation: flat(explanation) };
}

/**
 * A string built by concatenation is a tree of its pieces in V8 (several hundred bytes for a sentence);
 * converting it to a number flattens it into one block. At 100,000 rows this halves the result's memory
 * and the garbage collector's work.
 */
export function flat(text: string): string {
  _flatSink = (text as unknown as number) | 0;
  return text;
}
let _flatSink = 0;

export interface AdminCode {
  code: string;
  description: string;
  /** Add-on codes list the codes that must also be on the encounter; empty for primary codes. */
  addOnTo: string[];
}

const INITIALS = ['96360', '96365', '96374', '96409', '96413'];

export const ADMIN_CODES: Record<string, AdminCode> = {
  '96360': { code: '96360', description: 'Hydration, first hour (31+ minutes)', addOnTo: [] },
  '96361': { code: '96361', description: 'Hydration, each additional hour', addOnTo: INITIALS },
  '96365': { code: '96365', description: 'Therapeutic/diagnostic IV infusion, first hour', addOnTo: [] },
  '96366': { code: '96366', description: 'Therapeutic IV infusion, each additional hour', addOnTo: ['96365', '96367'] },
  '96367': { code: '96367', description: 'Sequential infusion of a new drug, up to one hour', addOnTo: INITIALS },
  '96368': { code: '96368', description: 'Concurrent infusion', addOnTo: ['96365', '96366', '96413', '96415', '96374', '96409', '96360'] },
  '96372': { code: '96372', description: 'Therapeutic injection, intramuscular or subcutaneous', addOnTo: [] },
  '96374': { code: '96374', description: 'IV push of a single or initial drug', addOnTo: [] },
  '96375': { code: '96375', description: 'IV push of each additional new drug', addOnTo: INITIALS },
  '96376': { code: '96376', description: 'IV push of the same drug again (facility)', addOnTo: INITIALS },
  '96409': { code: '96409', description: 'Chemotherapy/complex drug IV push, single or initial drug', addOnTo: [] },
  '96411': { code: '96411', description: 'Chemotherapy/complex drug IV push, each additional drug', addOnTo: ['96409', '96413'] },
  '96413': { code: '96413', description: 'Chemotherapy/complex drug IV infusion, first hour', addOnTo: [] },
  '96415': { code: '96415', description: 'Chemotherapy/complex drug infusion, each additional hour', addOnTo: ['96413', '96417'] },
  '96417': { code: '96417', description: 'Sequential chemotherapy/complex infusion of another drug, up to one hour', addOnTo: ['96413'] },
};

/** Add-on codes in `codes` whose required primary code is absent (an engine defect if ever non-empty). */
export function orphanAddOns(codes: string[]): string[] {
  const present = new Set(codes);
  return codes.filter((code) => {
    const def = ADMIN_CODES[code];
    return def !== undefined && def.addOnTo.length > 0 && !def.addOnTo.some((p) => present.has(p));
  });
}
