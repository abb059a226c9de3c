/**
 * Drug names as data: spellings the catalog rows don't carry, and the words that make a drug name another
 * product. The catalog (drugs2026.ts) is the CSV's transcription and is checked against it row by row, so what
 * charts write beyond its synonyms lives here. A yearly update edits this file, never a decision.
 */
import type { ReferenceList } from './lists';

/**
 * Extra spellings of built-in drugs, keyed by the catalog name: the abbreviations nurses and billers chart
 * (`Vanc`, `Mag sulfate`, `MgSO4`) and the other name of the same molecule (`zoledronate`). Each one names that
 * drug only; a spelling the catalog or the user's map already answers keeps its own drug.
 */
export const DRUG_SPELLINGS: ReferenceList<Readonly<Record<string, readonly string[]>>> = {
  values: {
    vancomycin: ['vanc', 'vanco'],
    'magnesium sulfate': ['mag sulfate', 'mag sulphate', 'mag sulf', 'mgso4', 'mg so4'],
    'zoledronic acid': ['zoledronate'],
    etoposide: ['VP-16', 'VP16'],
  },
  source: 'project list of common MAR and order abbreviations (ISMP lists vanc, MgSO4 and VP-16 as charted abbreviations)',
  edition: 'HCPCS 2026',
};

/**
 * Bases whose salts are different products with different codes: the bare base names none of them, so it is
 * not looked up as the catalog's one salt. Methylprednisolone acetate (Depo-Medrol, J1010, an IM / joint
 * suspension) is in the catalog; the sodium succinate (Solu-Medrol, the IV form) is left out (docs/catalog.md),
 * and `methylprednisolone 125 mg IV push` or `methylPREDNISolone (SOLU-MEDROL)` is the succinate.
 */
export const SALT_SPECIFIC_BASES: ReferenceList<ReadonlySet<string>> = {
  values: new Set(['methylprednisolone']),
  source: 'HCPCS J1010 / J1020-J1040 (methylprednisolone acetate) and J2920 / J2930 (methylprednisolone sodium succinate)',
  edition: 'HCPCS 2026',
};

/**
 * The salt a bare base names when given by a route other than IV: the acetate is a suspension for IM and joint
 * injection only (`methylprednisolone 80 mg IM` is Depo-Medrol), the succinate the IV form. Read so with a
 * drug-name-guess finding, since the chart did not say.
 */
export const SALT_OFF_IV: ReferenceList<Readonly<Record<string, string>>> = {
  values: { methylprednisolone: 'methylprednisolone acetate' },
  source: 'FDA labels: Depo-Medrol (methylprednisolone acetate injectable suspension) "not for intravenous use"; Solu-Medrol (sodium succinate) for IV or IM use',
  edition: 'HCPCS 2026',
};

/**
 * Words that, written beside a drug's name, name another product of it: a subcutaneous co-formulation with
 * hyaluronidase (`daratumumab and hyaluronidase-fihj`, Darzalex Faspro, J9144, is not daratumumab J9145), an
 * antibody-drug conjugate (`trastuzumab deruxtecan`, Enhertu, is not trastuzumab J9355), a fixed combination
 * (`nivolumab and relatlimab`, Opdualag). A catalog row matches such a text only when its own name or synonyms
 * carry the word (`trastuzumab and hyaluronidase-oysk`, `brentuximab vedotin`).
 */
export const PRODUCT_PARTNER_WORDS: ReferenceList<ReadonlySet<string>> = {
  values: new Set([
    'hyaluronidase', 'berahyaluronidase', 'faspro', 'hybreza', 'qvantig', 'qlex',
    'deruxtecan', 'emtansine', 'vedotin', 'govitecan', 'ozogamicin', 'mafodotin', 'relatlimab',
  ]),
  source: 'HCPCS J9144 (daratumumab and hyaluronidase), J9358 (fam-trastuzumab deruxtecan), J9298 (nivolumab and relatlimab), J9289 (nivolumab and hyaluronidase), J9024 (atezolizumab and hyaluronidase); FDA labels of the SC co-formulations and conjugates',
  edition: 'HCPCS 2026',
};

/** HCPCS codes of biosimilars (Q5101 and on): a bare generic never means one of them. */
export const BIOSIMILAR_CODES: ReferenceList<RegExp> = {
  values: /^Q5[1-9]\d\d$/,
  source: 'HCPCS Level II Q5101-Q5199 (biosimilar biological products)',
  edition: 'HCPCS 2026',
};
