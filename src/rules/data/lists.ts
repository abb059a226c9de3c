/**
 * The small reference lists the rules consult, as data with their source and edition (issue 9 item 4).
 * A yearly update edits this file (or the catalog), never a decision.
 */

export interface ReferenceList<T> {
  values: T;
  source: string;
  edition: string;
}

/**
 * Electrolyte replacements (catalog names): the purpose column decides hydration vs therapeutic
 * (option `electrolytes`). Source: RULES.md edition 1 section 3 ("KCl, magnesium"), project list.
 */
export const ELECTROLYTES: ReferenceList<ReadonlySet<string>> = {
  values: new Set(['potassium chloride', 'magnesium sulfate', 'potassium phosphate', 'sodium bicarbonate', 'calcium gluconate', 'calcium chloride']),
  source: 'RULES.md edition 1 section 3; project list of common IV electrolyte replacements',
  edition: 'RULES.md edition 2',
};

/** Small diluents (under this volume) are part of the drug; a drug added to a bag this size lists the bag (RULES.md 6.3). */
export const BAG_MIN_ML = 250;

/**
 * A fluid run at a rate in this band (mL/hr, inclusive) keeps the vein open: no code, no hydration time.
 * Source: RULES.md edition 1 section 3 ("KVO / TKO fluid"), common KVO pump settings 10-30 mL/hr.
 */
export const KVO_RATE_ML_PER_HOUR: ReferenceList<{ min: number; max: number }> = {
  values: { min: 10, max: 30 },
  source: 'RULES.md section 3 (KVO/TKO); KVO pump settings of 10-30 mL/hr',
  edition: 'RULES.md edition 2',
};

/**
 * Diagnoses that make a hormonal anti-neoplastic injection "for cancer" (96402): ICD-10-CM chapter 2,
 * neoplasms, C00-D49. Source: RULES.md edition 2 section 3.3; RULES-SOURCES-2.md topic 1.
 */
export const CANCER_DIAGNOSES: ReferenceList<RegExp> = {
  values: /^(?:C\d|D[0-4]\d)/,
  source: 'ICD-10-CM chapter 2 (C00-D49), RULES.md edition 2 section 3.3',
  edition: 'ICD-10-CM FY2026',
};

/**
 * Drug-name words that mean an on-body injector kit (96377 whatever the route column says).
 * Source: RULES.md edition 2 section 3.4; MCD A54682 (Neulasta Onpro, Udenyca Onbody).
 */
export const ON_BODY_WORDS: ReferenceList<RegExp> = {
  values: /\b(?:onpro|onbody|on-body|on body)\b/i,
  source: 'RULES.md edition 2 section 3.4; MCD A54682',
  edition: 'RULES.md edition 2',
};

/** Words of a route, site or drug that say the line is an implanted port / device (96523, 96522). */
export const IMPLANTED_DEVICE_WORDS: ReferenceList<RegExp> = {
  values: /\b(?:port|portacath|port-a-cath|mediport|powerport|implanted|implantable|implant|ommaya|reservoir)\b/i,
  source: 'RULES.md edition 2 sections 3.8 and 5.5 (implanted venous access device, implantable pump)',
  edition: 'RULES.md edition 2',
};

/** HCPCS codes of IV solution bags (J7030-J7131): a bag alone is not a billable service line. */
export const IV_SOLUTION_CODES: ReferenceList<RegExp> = {
  values: /^J7[01]\d\d$/,
  source: 'HCPCS Level II J7030-J7131 (infusion, normal saline / dextrose / lactated Ringer solutions)',
  edition: 'HCPCS 2026',
};

/**
 * Unclassified (not otherwise classified) drug codes: billed one unit per line whatever the dose, the claim
 * needs the NDC and the dose. A drug map row without a billing unit for another code is warned about.
 */
export const UNCLASSIFIED_DRUG_CODES: ReferenceList<ReadonlySet<string>> = {
  values: new Set(['J3490', 'J3590', 'J9999', 'J7699', 'J7799', 'J7999', 'J8499', 'J8999', 'C9399', 'A9698', 'A9699']),
  source: 'HCPCS Level II not-otherwise-classified drug, biologic, compounded, oral, contrast and radiopharmaceutical codes; RULES.md section 6.1',
  edition: 'HCPCS 2026',
};

/** Minutes: more than 8 hours makes a pump infusion prolonged (96416, 96425). Source: RULES.md 3.8, 5.2. */
export const PROLONGED_PUMP_MINUTES: ReferenceList<number> = {
  values: 8 * 60,
  source: 'RULES.md edition 2 sections 3.8 and 5.2 (prolonged infusion, more than 8 hours)',
  edition: 'CPT 2026',
};

/** Two syringes of one drug this close (minutes) are one dose (RULES.md 5.4). */
export const SPLIT_DOSE_MINUTES: ReferenceList<number> = {
  values: 15,
  source: 'RULES.md edition 2 section 5.4; Noridian JE (RULES-SOURCES-2.md topic 7)',
  edition: 'RULES.md edition 2',
};
