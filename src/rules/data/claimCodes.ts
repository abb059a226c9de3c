/**
 * The code lists of the claims step (issue 9 item 4): which codes are drug administration (the NCCI pairs
 * worth keeping) and which chemotherapy administration codes take the "injected" revenue code. The rules
 * never read this file; a yearly CPT or HCPCS update edits it, never a decision.
 */
import type { ReferenceList } from './lists';

/** Drug administration: every code a row of this product can earn (CPT range, plus two HCPCS codes). */
export const DRUG_ADMINISTRATION_CODES: ReferenceList<{ cptFrom: number; cptTo: number; hcpcs: ReadonlySet<string> }> = {
  values: { cptFrom: 96360, cptTo: 96549, hcpcs: new Set(['G0498', 'C8957']) },
  source: 'CPT 2026 drug administration section 96360-96549; HCPCS G0498 (chemotherapy pump started in the facility), C8957 (prolonged IV infusion with a pump, OPPS)',
  edition: 'CPT 2026, HCPCS 2026',
};

/**
 * Chemotherapy administration (UB-04 revenue code category 0335 IV, 0331 injected): the CPT range, and the
 * codes of a push or injection within it (96401-96411, 96420 intra-arterial push), which take 0331.
 */
export const CHEMO_ADMINISTRATION_CODES: ReferenceList<{ cptFrom: number; cptTo: number; injected: ReadonlySet<string> }> = {
  values: { cptFrom: 96401, cptTo: 96549, injected: new Set(['96401', '96402', '96405', '96406', '96409', '96411', '96420']) },
  source: 'NUBC UB-04 revenue codes 0331 (chemotherapy administration, injected) and 0335 (IV); CPT 2026 96401-96549',
  edition: 'CPT 2026',
};
