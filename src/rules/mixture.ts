/**
 * Several drugs in one cell (RULES.md 2, 5.4): `dexamethasone 10 mg + ondansetron 8 mg in 50 mL NS`, with `+`,
 * `;`, `&` or ` and ` between them, is one administration of a mixture. And the catalog entry of a drug
 * whose code depends on the indication (leuprolide J9217 for cancer, J1950 otherwise; RULES.md 3.3).
 */
import type { DrugCatalog, DrugEntry, DrugMatch } from './catalog/catalog';

/** An amount with its unit (`1 g`, `250 mL`, `20 mEq`), not a strength (`0.9%`). */
const AMOUNT_WITH_UNIT = /\d\s*(?:mg|g|gm|mcg|units?|iu|meq|ml|l)\b/i;

const SEPARATOR_RE = /\s*[+;&]\s*|\s+and\s+|\s+with\s+/i;

/** A separator between drug names (`+`, `;`, `&`, ` and `, ` with `): the cell may name several drugs. */
const SEVERAL_RE = /[+;&]|\sand\s|\swith\s/i;

/** Whether a drug cell may name several drugs (asked first, once a row: most cells name one). */
export function namesSeveral(text: string): boolean {
  return SEVERAL_RE.test(text);
}

/**
 * The drug texts of a mixed cell, or null when the cell names one drug. A split counts only when at least
 * two pieces name different catalog drugs (so `dextrose 5% and 0.9% sodium chloride` stays one fluid).
 */
export function splitMixture(text: string, catalog: DrugCatalog): string[] | null {
  if (!SEVERAL_RE.test(text)) return null;
  const parts = text.split(SEPARATOR_RE).map((p) => p.trim()).filter((p) => p.length > 0);
  if (parts.length < 2) return null;
  const named = new Set<string>();
  let unknownDrugs = 0;
  for (const part of parts) {
    const match = catalog.lookup(part);
    if (match && match.entry.drugClass !== 'H') named.add(`${match.entry.hcpcs}|${match.entry.name}`);
    else if (!match && UNKNOWN_DRUG_WITH_DOSE_RE.test(part.slice(0, 200))) unknownDrugs++; // a name and its amount are short
  }
  // `thiotepa 15 mg + ondansetron 8 mg`: a drug the catalog lacks, with its own amount, beside a known one is a
  // mixture too (read whole, the known drug's name won the cell and the other drug was lost, or taken for a unit).
  const plus = /[+;&]/.test(text);
  return named.size >= 2 || (plus && named.size >= 1 && unknownDrugs >= 1) ? parts : null;
}

/**
 * A cell naming a solution beside its drugs (`normal saline 250 mL + vancomycin 1 g`, `NS + KCl` with doses
 * `1000 mL + 20 mEq`): the cell as written with `in` (`vancomycin 1 g in normal saline 250 mL`), the way the rules
 * read a drug and its bag, or null. The solution is the bag the drugs were mixed in, never one of the mixture's
 * drugs (RULES.md 2, 3.9, 6.3). A dose cell split like the drug cell gives each part its amount (`doses`: true).
 */
export function carrierText(text: string, doseText: string, catalog: DrugCatalog): { text: string; doses: boolean } | null {
  if (!SEVERAL_RE.test(text) || /\sin\s/i.test(text)) return null;
  const parts = text.split(SEPARATOR_RE).map((p) => p.trim()).filter((p) => p.length > 0);
  if (parts.length < 2 || parts.length > 8) return null;
  const doses = doseText.split(/\s*[+;&]\s*|\s+and\s+/i).map((d) => d.trim());
  const withDoses = doses.length === parts.length && doses.every((d) => /\d/.test(d));
  // A part without an amount takes its dose (`sodium chloride 0.9%` + `1000 mL`): a strength is no amount.
  const named = withDoses ? parts.map((p, i) => (AMOUNT_WITH_UNIT.test(p) ? p : `${p} ${doses[i]}`)) : parts;
  const solutions: string[] = [];
  const drugs: string[] = [];
  for (const part of named) {
    const match = catalog.lookup(part);
    if (match && match.entry.drugClass !== 'H') drugs.push(part);
    else if ((match && match.entry.drugClass === 'H') || catalog.fluid(part)) solutions.push(part);
    else return null; // an unknown name: read the cell as it is
  }
  if (solutions.length !== 1 || drugs.length === 0) return null;
  return { text: `${drugs.join(' + ')} in ${solutions[0]}`, doses: withDoses };
}

/**
 * A combination product named with `and`, `&`, `+` or `/` between its parts (`ampicillin and sulbactam`,
 * `piperacillin & tazobactam`): the cell as the catalog names it (`ampicillin sulbactam`), or null when the
 * joined name is no one catalog drug that names every part (`dexamethasone and ondansetron` is a mixture).
 */
export function combinationText(text: string, catalog: DrugCatalog): string | null {
  if (!SEVERAL_RE.test(text)) return null;
  const joined = text.replace(/\s*[+&]\s*|\s+and\s+/gi, ' ').trim();
  if (joined === text.trim()) return null;
  const match = catalog.lookup(joined);
  if (!match || match.guessed) return null;
  const named = new Set(match.text.toLowerCase().split(/[^a-z]+/));
  const parts = text.split(/\s*[+&]\s*|\s+and\s+/i);
  const names = parts.map((p) => /[a-z]{4,}/i.exec(p)?.[0].toLowerCase());
  return names.length >= 2 && names.every((n) => n !== undefined && named.has(n)) ? joined : null;
}

/** A piece naming a drug (a word of four letters or more) with an amount of drug (not a volume): `thiotepa 15 mg`. */
const UNKNOWN_DRUG_WITH_DOSE_RE = /^(?=.*[a-z]{4})[a-z0-9 ().,/-]*?\d+(?:[.,]\d+)?\s*(?:mg|g|mcg|units?|iu|meq)\b/i;

/**
 * The catalog row for a drug text on a date of service. When the rows in effect differ by indication (a
 * cancer row: class C or an anti-neoplastic kind, and a row that is neither), the cancer row is taken only for
 * a line that is for cancer (see indicationDependent).
 */
export function chooseEntry(catalog: DrugCatalog, text: string, forCancer: boolean, date: string | null = null): DrugMatch | null {
  const match = catalog.lookup(text, date);
  if (!match || !indicationDependent(match)) return match;
  const entry = forCancer ? match.candidates.find(isCancerRow) : match.candidates.find((e) => !isCancerRow(e));
  return !entry || entry === match.entry ? match : { ...match, entry };
}

/** The name's rows in effect differ by indication: one for cancer and one for other uses (leuprolide). */
export function indicationDependent(match: DrugMatch): boolean {
  return match.candidates.length > 1 && match.candidates.some(isCancerRow) && match.candidates.some((e) => !isCancerRow(e));
}

function isCancerRow(e: DrugEntry): boolean {
  return e.drugClass === 'C' || e.antineoplastic !== null;
}
