/**
 * Before coding: the claims tables change what the rules module sees. ASP codes the catalog lacks join it
 * (matchable by their description), payer profiles give the `jwJzPayers` option, and a row's NDC picks its
 * HCPCS code through the crosswalk (it wins over the drug name, with a finding when they disagree).
 */
import { DrugCatalog } from '../rules/catalog/catalog';
import { FINDING_SEVERITY } from '../rules/findings';
import { resolveOptions, type CodingOptions, type CodingOptionsInput } from '../rules/options';
import type { Field, Finding, FindingId, InputRow } from '../rules/types';
import { isBlank } from '../rules/values/cell';
import { aspCatalogEntries } from './asp';
import { text } from './header';
import { ndcDigits, readNdc, resolveNdc } from '../rules/values/ndc';
import { jwJzPayersOf, resolveProfiles, type PayerProfile } from './payers';
import type { ClaimsTables } from './tables';

export interface PreparedClaims {
  rows: InputRow[];
  options: CodingOptions;
  catalog: DrugCatalog;
  profiles: PayerProfile[];
  /** Findings of the NDC step, added to the rows after coding. */
  findings: Finding[];
}

export function finding(input: InputRow, id: FindingId, field: Field | null, message: string): Finding {
  const column = field ? (input.columns?.[field] ?? field) : null;
  return { id, severity: FINDING_SEVERITY[id], row: input.row, field, column, params: {}, message };
}

/** Several drugs in one cell (`A 10 mg + B 8 mg`): an NDC names one product, so such rows keep their text. */
const MIXTURE_RE = /\+|;|\band\b/i;

export function prepareClaims(
  rows: readonly InputRow[],
  optionsInput: CodingOptionsInput | CodingOptions | undefined,
  tables: ClaimsTables,
  baseCatalog: DrugCatalog = DrugCatalog.builtIn(),
): PreparedClaims {
  const base = resolveOptions(optionsInput);
  const profiles = resolveProfiles(base, tables.payers?.profiles);
  const options = resolveOptions({ ...base, jwJzPayers: jwJzPayersOf(profiles) });
  // ASP codes join behind the catalog's own names (built-in and the user's map): never taking one over.
  const catalog = tables.asp ? baseCatalog.withAdditions(aspCatalogEntries(tables.asp, (code) => baseCatalog.byHcpcs(code) !== null)) : baseCatalog;
  const findings: Finding[] = [];
  const crosswalk = tables.crosswalk;
  if (!crosswalk) return { rows: rows as InputRow[], options, catalog, profiles, findings };

  const out = rows.map((input) => {
    const raw = input.values.ndc;
    if (isBlank(raw)) return input;
    // An unreadable or still ambiguous NDC is the rules' finding (invalid-ndc, ambiguous-ndc) on the NDC cell.
    const written = readNdc(raw);
    const reading = written.kind === 'ambiguous' ? resolveNdc(raw, (digits) => crosswalk.byNdc.has(digits)) : written;
    if (reading.kind !== 'ndc') return input;
    const ndc = ndcDigits(reading.ndc);
    // Ten digits without hyphens that the crosswalk settles: the rules read the 5-4-2 form it lists.
    const settled: InputRow = written === reading ? input : { ...input, values: { ...input.values, ndc: reading.ndc } };
    const entry = crosswalk.byNdc.get(ndc);
    if (!entry) {
      findings.push(finding(input, 'unknown-ndc', 'ndc', `NDC ${text(raw)} is not in the NDC-HCPCS crosswalk ${crosswalk.info.name}; the drug name decides the code.`));
      return settled;
    }
    const drugText = text(input.values.drug);
    if (MIXTURE_RE.test(drugText)) return settled;
    const byName = drugText === '' ? null : catalog.lookup(drugText);
    if (byName?.entry.hcpcs === entry.code) return settled;
    const target = catalog.byHcpcs(entry.code);
    const described = `${entry.code}${entry.drugName ? ` (${entry.drugName})` : ''}`;
    if (byName) {
      findings.push(
        finding(input, 'ndc-code-mismatch', 'ndc', `NDC ${text(raw)} is ${described} in the crosswalk, but '${drugText}' reads as ${byName.entry.hcpcs}; ` +
          (target ? `coded as ${entry.code} from the NDC.` : `the catalog has no ${entry.code}, so the name's code stays: check the NDC.`)),
      );
    }
    if (!target) return settled;
    return { ...settled, values: { ...settled.values, drug: target.name } };
  });
  return { rows: out, options, catalog, profiles, findings };
}
