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
import { normalizeNdc } from './ndc';
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
  const catalog = tables.asp ? baseCatalog.withEntries(aspCatalogEntries(tables.asp, (code) => baseCatalog.byHcpcs(code) !== null)) : baseCatalog;
  const findings: Finding[] = [];
  const crosswalk = tables.crosswalk;
  if (!crosswalk) return { rows: rows as InputRow[], options, catalog, profiles, findings };

  const out = rows.map((input) => {
    const raw = input.values.ndc;
    if (isBlank(raw)) return input;
    const ndc = normalizeNdc(raw);
    const entry = ndc ? crosswalk.byNdc.get(ndc) : undefined;
    if (!entry) {
      findings.push(
        ndc
          ? finding(input, 'unknown-ndc', 'ndc', `NDC ${text(raw)} is not in the NDC-HCPCS crosswalk ${crosswalk.info.name}; the drug name decides the code.`)
          : finding(input, 'invalid-ndc', 'ndc', `'${text(raw)}' is not an NDC (11 digits, or 10 written 4-4-2, 5-3-2 or 5-4-1).`),
      );
      return input;
    }
    const drugText = text(input.values.drug);
    if (MIXTURE_RE.test(drugText)) return input;
    const byName = drugText === '' ? null : catalog.lookup(drugText);
    if (byName?.entry.hcpcs === entry.code) return input;
    const target = catalog.byHcpcs(entry.code);
    const described = `${entry.code}${entry.drugName ? ` (${entry.drugName})` : ''}`;
    if (byName) {
      findings.push(
        finding(input, 'ndc-code-mismatch', 'ndc', `NDC ${text(raw)} is ${described} in the crosswalk, but '${drugText}' reads as ${byName.entry.hcpcs}; ` +
          (target ? `coded as ${entry.code} from the NDC.` : `the catalog has no ${entry.code}, so the name's code stays: check the NDC.`)),
      );
    }
    if (!target) return input;
    return { ...input, values: { ...input.values, drug: target.name } };
  });
  return { rows: out, options, catalog, profiles, findings };
}
