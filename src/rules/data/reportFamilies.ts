/**
 * The code families of the run summary and the managers' tables (issue 9 item 4): which CPT codes count as
 * hydration, therapeutic, chemotherapy or injection, and which HCPCS codes as fluids, contrast or an
 * unclassified drug. Listed in the order the tables show them. The rules never read this file.
 */
import type { DrugClass } from '../catalog/catalog';
import { CONTRAST_CODES } from './contrast';
import { IV_SOLUTION_CODES, type ReferenceList } from './lists';

/** HCPCS codes: listed one by one, or a pattern for a range. */
export type CodeList = ReadonlySet<string> | RegExp;

export interface ReportFamily {
  /** The family's name in the summary and the tables. */
  name: string;
  kind: 'cpt' | 'hcpcs';
  /** CPT families: inclusive ranges of code numbers (the ranges of different families never overlap). */
  cptRanges?: readonly (readonly [number, number])[];
  /** CPT families: HCPCS Level II codes the administration rules give in place of a CPT code (G0498 for 96416). */
  cptCodes?: ReadonlySet<string>;
  /** HCPCS families: the catalog drug classes that belong here. */
  drugClasses?: readonly DrugClass[];
  /** HCPCS families: the codes that belong here whatever their class. */
  hcpcs?: CodeList;
  /** The family of every code of its kind that no other family takes. */
  rest?: true;
}

/**
 * HCPCS families are tried in this order (fluids, contrast, unclassified); the first whose class or codes
 * match takes the code, so a fluid billed under an unclassified code counts as a fluid.
 */
export const REPORT_FAMILIES: ReferenceList<readonly ReportFamily[]> = {
  values: [
    { name: 'Hydration', kind: 'cpt', cptRanges: [[96360, 96361]] },
    { name: 'Therapeutic infusion / push', kind: 'cpt', cptRanges: [[96365, 96371], [96373, 96379]] },
    { name: 'Complex / chemotherapy', kind: 'cpt', cptRanges: [[96401, 96549]], cptCodes: new Set(['G0498']) },
    { name: 'Injection (IM/SQ)', kind: 'cpt', cptRanges: [[96372, 96372]] },
    { name: 'Other CPT', kind: 'cpt', rest: true },
    { name: 'Drugs (HCPCS)', kind: 'hcpcs', rest: true },
    { name: 'Fluids (HCPCS)', kind: 'hcpcs', drugClasses: ['H'], hcpcs: IV_SOLUTION_CODES.values },
    { name: 'Contrast (HCPCS)', kind: 'hcpcs', drugClasses: ['X'], hcpcs: CONTRAST_CODES.values },
    { name: 'Unclassified drug (J3490)', kind: 'hcpcs', hcpcs: new Set(['J3490']) },
  ],
  source:
    'CPT 2026 drug administration subsections: hydration 96360-96361, therapeutic, prophylactic and diagnostic ' +
    'injections and infusions 96365-96379 (96372 IM/SQ shown apart), chemotherapy and other highly complex drug ' +
    'administration 96401-96549 (with G0498, the Medicare chemotherapy pump start coded instead of 96416); HCPCS by the catalog drug class (H fluid, X contrast) and code lists',
  edition: 'CPT 2026, HCPCS 2026',
};
