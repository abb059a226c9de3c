/**
 * Several drugs in one cell (RULES.md 2, 5.4): `dexamethasone 10 mg + ondansetron 8 mg in 50 mL NS`, with `+`,
 * `;`, `&` or ` and ` between them, is one administration of a mixture. And the catalog entry of a drug
 * whose code depends on the indication (leuprolide J9217 for cancer, J1950 otherwise; RULES.md 3.3).
 */
import type { DrugCatalog, DrugEntry, DrugMatch } from './catalog/catalog';

const SEPARATOR_RE = /\s*[+;&]\s*|\s+and\s+|\s+with\s+/i;

/**
 * The drug texts of a mixed cell, or null when the cell names one drug. A split counts only when at least
 * two pieces name different catalog drugs (so `dextrose 5% and 0.9% sodium chloride` stays one fluid).
 */
export function splitMixture(text: string, catalog: DrugCatalog): string[] | null {
  if (!/[+;&]|\sand\s|\swith\s/i.test(text)) return null;
  const parts = text.split(SEPARATOR_RE).map((p) => p.trim()).filter((p) => p.length > 0);
  if (parts.length < 2) return null;
  const named = new Set<string>();
  for (const part of parts) {
    const match = catalog.lookup(part);
    if (match && match.entry.drugClass !== 'H') named.add(`${match.entry.hcpcs}|${match.entry.name}`);
  }
  return named.size >= 2 ? parts : null;
}

/** What a catalog offers for a text when one name maps to entries that differ by indication (catalog item). */
type CandidateSource = { candidates?: (text: string, date: string | null) => readonly (DrugMatch | DrugEntry)[] };

export interface EntryChoice {
  match: DrugMatch | null;
  /** The name maps to entries for cancer and for other uses: the purpose or diagnosis picked one. */
  indicationDependent: boolean;
}

const NOT_DEPENDENT = (match: DrugMatch | null): EntryChoice => ({ match, indicationDependent: false });

/** The entry for a drug text; an indication-dependent name takes the cancer entry only for cancer lines. */
export function chooseEntry(catalog: DrugCatalog, text: string, forCancer: boolean, date: string | null = null): EntryChoice {
  const match = catalog.lookup(text);
  const candidates = (catalog as unknown as CandidateSource).candidates?.(text, date);
  if (!candidates || candidates.length < 2) return NOT_DEPENDENT(match);
  const entries = candidates.map((c) => ('entry' in c ? c.entry : c));
  const cancer = entries.find((e) => e.antineoplastic === 'hormonal' || e.antineoplastic === 'non-hormonal' || e.drugClass === 'C');
  const other = entries.find((e) => e !== cancer && e.drugClass !== 'C' && !e.antineoplastic);
  if (!cancer || !other) return NOT_DEPENDENT(match);
  const entry = forCancer ? cancer : other;
  return { match: { entry, guessed: match?.guessed ?? false, text: match?.text ?? entry.name }, indicationDependent: true };
}
