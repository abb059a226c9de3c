/**
 * Contrast agents as data (issue 9 item 4): the iodinated agents whose concentration picks a low-osmolar
 * contrast code, the concentration bands, and the HCPCS codes that are contrast whatever a drug map says.
 * A yearly HCPCS update edits this file, never a decision.
 */
import type { ReferenceList } from './lists';

/**
 * Iodinated agents (generic and brand words): with a concentration (`iohexol 300`, `Omnipaque 350 mgI/mL`)
 * the drug is the low-osmolar contrast band of that concentration (`LOCM_BANDS`).
 */
export const IODINATED_AGENTS: ReferenceList<ReadonlySet<string>> = {
  values: new Set(['iohexol', 'iopamidol', 'iodixanol', 'ioversol', 'iopromide', 'omnipaque', 'isovue', 'visipaque', 'optiray', 'ultravist']),
  source: 'FDA labels of the low-osmolar iodinated agents in US use (Omnipaque, Isovue, Visipaque, Optiray, Ultravist)',
  edition: 'HCPCS 2026',
};

/**
 * Low-osmolar contrast codes by iodine concentration (mgI/mL), highest band first: the first band whose
 * minimum the concentration reaches. Below 100 mgI/mL no band applies (the name alone decides).
 */
export const LOCM_BANDS: ReferenceList<readonly { minMgIPerMl: number; hcpcs: string }[]> = {
  values: [
    { minMgIPerMl: 400, hcpcs: 'Q9951' },
    { minMgIPerMl: 300, hcpcs: 'Q9967' },
    { minMgIPerMl: 200, hcpcs: 'Q9966' },
    { minMgIPerMl: 100, hcpcs: 'Q9965' },
  ],
  source: 'HCPCS Level II Q9951 (400 or greater), Q9965 (100-199), Q9966 (200-299), Q9967 (300-399 mg/mL iodine), per mL',
  edition: 'HCPCS 2026',
};

/**
 * HCPCS codes of contrast agents: the run summary counts them as contrast even when a user's drug map gives
 * them another class (the catalog's class X counts too). Iodinated (HOCM Q9958-Q9964, LOCM Q9951 and
 * Q9965-Q9967), ultrasound (Q9950, Q9955-Q9957), MR (Q9953, Q9954) and gadolinium (A95xx) agents.
 */
export const CONTRAST_CODES: ReferenceList<ReadonlySet<string>> = {
  values: new Set([
    'Q9950', 'Q9951', 'Q9953', 'Q9954', 'Q9955', 'Q9956', 'Q9957',
    'Q9958', 'Q9959', 'Q9960', 'Q9961', 'Q9962', 'Q9963', 'Q9964', 'Q9965', 'Q9966', 'Q9967',
    'A9573', 'A9575', 'A9576', 'A9577', 'A9578', 'A9579', 'A9581', 'A9583', 'A9585',
  ]),
  source: 'HCPCS Level II contrast material codes (HOCM, LOCM, ultrasound, MR and gadolinium-based agents); CMS OPPS contrast list',
  edition: 'HCPCS 2026',
};
