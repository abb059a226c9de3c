/**
 * The contract of the shared rules module: what goes in (rows of raw cell values) and what comes out
 * (codes, findings and explanations per row and per encounter). Plain data only, so the task pane,
 * the custom functions, the reports and the command line can all share it.
 */

/** A raw cell value as Excel or exceljs hands it over. Dates arrive as JS Dates (UTC) or serial numbers. */
export type CellValue = string | number | boolean | Date | null | undefined;

/** The input fields of RULES.md section 1, in the order the product shows them. */
export const FIELDS = [
  'encounter',
  'patient',
  'date',
  'setting',
  'payer',
  'drug',
  'dose',
  'waste',
  'route',
  'purpose',
  'start',
  'stop',
  'rate',
  'volume',
  'site',
  'diagnosis',
  'necessity',
  'primary',
  'order',
  'provider',
  'nurse',
  // For claims (issue 12): the drug's NDC, and whether the drug was bought under 340B.
  'ndc',
  '340b',
] as const;
export type Field = (typeof FIELDS)[number];

/** One administration line: raw values by field, the spreadsheet row it came from, and its headers. */
export interface InputRow {
  /** Spreadsheet row number (1-based), or the position in a custom-function block. */
  row: number;
  values: Partial<Record<Field, CellValue>>;
  /** The user's header text for each mapped field, so findings can name the column. */
  columns?: Partial<Record<Field, string>>;
  /**
   * Every source row that made this administration (an action log's New Bag, Rate Change and Stopped rows),
   * when an input adapter built it from several; `row` is the one that holds the codes.
   */
  sourceRows?: number[];
  /** Cells of the row cut to Excel's cell limit when the file was read (a CSV): a `cell-cut` finding each. */
  cut?: readonly CutCell[];
  /**
   * Headers of filled cells that repeat the start or stop of a further administration on the row (`Start 2`,
   * `Stop 2`, a log with one row per drug): not coded, an `unread-administration` finding each.
   */
  unread?: readonly string[];
}

/** A cell cut to Excel's 32,767-character limit: its field (null when the column is not read), header and length. */
export interface CutCell {
  field: Field | null;
  column: string;
  length: number;
}

export type Setting = 'facility' | 'office';
export type Severity = 'error' | 'warning' | 'info';

/** Finding ids of RULES.md section 7, plus a few informational ones the engine adds. */
export const FINDING_IDS = [
  'missing-start-time',
  'missing-stop-time',
  'stop-before-start',
  'unparseable-time',
  'unparseable-dose',
  'unparseable-date',
  'missing-necessity',
  'missing-diagnosis',
  'invalid-diagnosis-code',
  'unknown-drug',
  'missing-dose',
  'missing-route',
  'missing-waste',
  'mue-exceeded',
  'below-threshold',
  // Additions (not in RULES.md's fixed list): each names a problem a biller should see.
  'missing-date',
  'drug-name-guess',
  'dose-unit-mismatch',
  'unknown-route',
  'route-not-coded',
  'unknown-setting',
  'unclassified-drug',
  'site-restart',
  'no-primary-marked',
  'concurrent-limit',
  // Edition 2 (RULES.md section 7).
  'injection-purpose-unknown',
  'split-dose',
  'flush-bundled',
  'concurrent-complex-drug',
  'short-sc-infusion',
  'unlisted-service',
  'pump-refill-bundled',
  'code-not-effective',
  // Edition 2 additions of ours: a readable rate, a repeat bag, a rate that gives no time.
  'unparseable-rate',
  // Input adapters (MAR action logs, FHIR, NDC columns): EXPORTS.md.
  'unknown-action',
  'orphan-action',
  'overlapping-actions',
  'invalid-ndc',
  // An NDC of 10 digits without hyphens that fits several layouts (docs/coding-rules.md, NDCs).
  'ambiguous-ndc',
  // A CSV cell over Excel's 32,767-character limit, cut when read (issue 13).
  'cell-cut',
  'unread-administration',
  // Claims checks (src/claims): NCCI PTP pairs, payer rules, NDCs.
  'ptp-bundled',
  'ptp-modifier-needed',
  'missing-ndc',
  'ndc-code-mismatch',
  'unknown-ndc',
] as const;
export type FindingId = (typeof FINDING_IDS)[number];

export interface Finding {
  id: FindingId;
  severity: Severity;
  /** Spreadsheet row number of the line the finding belongs to. */
  row: number;
  /** The input field the finding is about, or null when it concerns the line as a whole. */
  field: Field | null;
  /** The user's header for that field (or the field name when the column is missing). */
  column: string | null;
  /** What the sentence names (drug, minutes, times ...): tests and tools read these, not the prose. */
  params: FindingParams;
  /** One sentence a biller understands, rendered from id + params by rules/messages.ts. */
  message: string;
}

/** Parameters of a finding's sentence; `variant` picks one of an id's sentences. */
export type FindingParams = Readonly<Record<string, string | number>>;

export type CodeKind = 'cpt' | 'hcpcs';

/** One derived claim line: a code with units and modifiers, and the rows it came from. */
export interface CodeLine {
  kind: CodeKind;
  code: string;
  units: number;
  modifiers: string[];
  /** Row the line is shown on (the row of the line that earned it). */
  row: number;
  /** Every row that contributed (e.g. summed hydration segments, one drug on several rows). */
  rows: number[];
  /** Date of service (yyyy-mm-dd) of the line, or null when no date was readable. */
  date: string | null;
  /** Catalog name of the drug (HCPCS lines, and CPT lines for a drug), else null. */
  drug: string | null;
  /** One sentence: why this code and these units. */
  explanation: string;
  /** HCPCS lines: the NDC (11-digit 5-4-2) of the package billed, when its row documents one. */
  ndc?: string;
  /** Claim data added by the claims step (src/claims) when it runs. */
  claim?: LineClaim;
}

/** What a claim needs beyond the code: the amount expected, the UB-04 revenue code and the NDC line. */
export interface LineClaim {
  /** Expected payment in dollars (price x units; 0 when an NCCI edit makes the line not payable), null when unknown. */
  amount: number | null;
  /** Where the price came from: the fee schedule, or the ASP payment limit. */
  source: 'fee' | 'asp' | null;
  /** UB-04 revenue code (`0636`), null on a CMS-1500 claim. */
  revenueCode: string | null;
  /** `N4` + NDC + qualifier + quantity, or `N4` + NDC when the crosswalk has no package data; null without an NDC. */
  ndc: string | null;
  claimForm: 'UB-04' | 'CMS-1500';
  /** False when an NCCI PTP edit with modifier indicator 0 bundles the line into another code. */
  payable: boolean;
}

export type RowStatus = 'OK' | 'Review' | 'Error';

export interface RowResult {
  row: number;
  encounter: string;
  cpt: CodeLine[];
  hcpcs: CodeLine[];
  /** Administration minutes of the line (stop - start), null when not computable. */
  minutes: number | null;
  findings: Finding[];
  /** One sentence per code on this row, or why the row earned no code. */
  explanation: string;
  status: RowStatus;
}

export interface EncounterResult {
  id: string;
  /** Spreadsheet rows of the encounter, in input order. */
  rows: number[];
  setting: Setting;
  payer: string | null;
  patient: string | null;
  /** First date of service (yyyy-mm-dd) or null. */
  date: string | null;
  provider: string | null;
  /** Merged by code and modifiers (units summed), initial service first. */
  cpt: CodeLine[];
  hcpcs: CodeLine[];
  findings: Finding[];
}

export interface CodingResult {
  encounters: EncounterResult[];
  /** One result per input row, in input order. */
  rows: RowResult[];
}
