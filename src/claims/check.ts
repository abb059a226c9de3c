/**
 * After coding (a pure post-step on the CodingResult): per encounter and date of service, the NCCI PTP edits
 * between the codes produced; the payer's rules (separate-site modifier, 340B modifier, NDC required); and
 * per line the claim data: expected amount (fee schedule, else ASP payment limit x units), UB-04 revenue
 * code and the NDC line.
 */
import type { DrugCatalog } from '../rules/catalog/catalog';
import { initialServiceFirst } from '../rules/codeTable';
import { mergeCodeLines, withClaim } from '../rules/codes';
import { FINDING_SEVERITY } from '../rules/findings';
import type { CodingOptions } from '../rules/options';
import type { CodeLine, CodingResult, EncounterResult, Finding, InputRow, LineClaim, RowResult, RowStatus } from '../rules/types';
import { cellText, isBlank } from '../rules/values/cell';
import { ndcDigits } from '../rules/values/ndc';
import { ndcFindingField } from '../rules/hcpcs';
import { readDosage } from './asp';
import { ndcQuantityOf } from './crosswalk';
import { feeFor } from './fees';
import { ndcClaimLine } from './ndc';
import { claimFormOf, profileFor, type PayerProfile } from './payers';
import { finding } from './prepare';
import { activeEdit, appliesTo, dayNumber, type PtpEdit, type PtpTable } from './ptp';
import { defaultRevenueCodes, revenueCodeFor } from './revenue';
import { tableInfos, type ClaimsTables, type TableInfo } from './tables';

export interface ClaimsContext {
  tables: ClaimsTables;
  options: CodingOptions;
  catalog: DrugCatalog;
  profiles: PayerProfile[];
  /** Findings found before coding (the NDC step), added to their rows. */
  findings?: Finding[];
}

/** The PTP tables that apply to an encounter: hospital files for facility claims, practitioner files for office. */
export function ptpTablesFor(tables: readonly PtpTable[], setting: 'facility' | 'office'): PtpTable[] {
  return tables.filter((t) => appliesTo(t.kind, setting));
}

export interface ClaimsSummary {
  tables: TableInfo[];
  /** Whether NCCI PTP edits were checked, and against what: never implies a pass when no file was loaded. */
  ptp: { checked: boolean; encountersChecked: number; encountersNotChecked: number; note: string };
  expectedPayment: number;
  linesWithAmount: number;
  linesWithoutAmount: number;
  /** `Estimates from ASP pricing file X (2026-01), fee schedule Y`, or why there are none. */
  estimateNote: string;
}

/**
 * Whether the rules put the line's modifier for a second encounter of the patient that day, not a second site:
 * both are 59 by default and a line keeps no record of why, but its explanation says it
 * (`96374-59 (a separate encounter of the patient earlier that day): ...`, src/rules/assign.ts).
 */
function forSeparateEncounter(line: CodeLine): boolean {
  return SEPARATE_ENCOUNTER_RE.test(line.explanation);
}

const SEPARATE_ENCOUNTER_RE = /\(a separate encounter\b/;

/** Modifiers that tell a payer two services were distinct (NCCI-associated modifiers). */
const DISTINCT = ['59', 'XS', 'XU', 'XE', 'XP'];

/**
 * Dollars rounded half up to the cent, as ROUND(x, 2) in a spreadsheet: a payment limit has three decimals, so
 * limit x units often ends in a half cent, which binary floating point may hold just below (0.075 x 3 is
 * 0.22499999999999998): read to 12 significant digits first, 0.23 and not 0.22.
 */
const cents = (n: number) => Math.round(Number((n * 100).toPrecision(12))) / 100;

/**
 * A working copy of one row line: the claims step changes modifiers and payability before pricing.
 * `modifiers` starts as the line's own list (most lines keep it): replace it, never change it in place.
 */
interface Work {
  line: CodeLine;
  rowIndex: number;
  modifiers: readonly string[];
  payable: boolean;
}

export function applyClaims(rows: readonly InputRow[], result: CodingResult, ctx: ClaimsContext): CodingResult {
  const { tables } = ctx;
  // Input rows by row number, for the steps that read a cell or raise a finding: made when first needed.
  let inputByRow: Map<number, InputRow> | null = null;
  const inputOf = (row: number): InputRow | undefined => {
    if (!inputByRow) {
      inputByRow = new Map();
      for (const r of rows) if (!inputByRow.has(r.row)) inputByRow.set(r.row, r);
    }
    return inputByRow.get(row);
  };
  const rowIndex = new Map<number, number>();
  result.rows.forEach((r, i) => rowIndex.set(r.row, i));
  const added = new Map<number, Finding[]>();
  const addFinding = (f: Finding) => {
    const list = added.get(f.row);
    if (list) list.push(f);
    else added.set(f.row, [f]);
  };
  for (const f of ctx.findings ?? []) addFinding(f);

  const newRows: RowResult[] = result.rows.slice();
  /** By row index: the row's lines with their claim data (rows without lines have none). */
  const claimsByRow: ({ cpt: CodeLine[]; hcpcs: CodeLine[] } | undefined)[] = new Array(result.rows.length);
  const ptpTables = tables.ptp ?? [];
  const revenue = tables.revenueCodes ?? defaultRevenueCodes();

  // Payers repeat from encounter to encounter: each one's profile is found once.
  const profileOf = new Map<string | null, PayerProfile>();
  const encounters = result.encounters.map((enc): EncounterResult => {
    let profile = profileOf.get(enc.payer);
    if (!profile) profileOf.set(enc.payer, (profile = profileFor(ctx.profiles, enc.payer)));
    const form = claimFormOf(profile, enc.setting);
    const work: Work[] = [];
    // The encounter's rows by index, looked up once (an action log's encounter lists every action row).
    const indexes: number[] = [];
    for (const r of enc.rows) {
      const i = rowIndex.get(r);
      if (i !== undefined) indexes.push(i);
    }
    for (const i of indexes) {
      const row = result.rows[i];
      for (const line of row.cpt) work.push({ line, rowIndex: i, modifiers: line.modifiers, payable: true });
      for (const line of row.hcpcs) work.push({ line, rowIndex: i, modifiers: line.modifiers, payable: true });
    }
    // The payer's separate-site modifier replaces the option's, never a second encounter's 59 (RULES.md 4: 59 or XE).
    const siteModifier = profile.siteModifier;
    if (siteModifier && siteModifier !== ctx.options.separateSiteModifier) {
      const replaced = ctx.options.separateSiteModifier;
      for (const w of work) {
        if (w.modifiers.includes(replaced) && !forSeparateEncounter(w.line)) w.modifiers = w.modifiers.map((m) => (m === replaced ? siteModifier : m));
      }
    }
    const applicable = ptpTables.length > 0 ? ptpTablesFor(ptpTables, enc.setting) : ptpTables;
    if (applicable.length > 0) checkPtp(work, applicable, enc.setting, inputOf, addFinding);
    payerChecks(work, profile, inputOf, result.rows, ctx, addFinding);

    for (const w of work) {
      const claim = lineClaim(w, form, enc.payer ?? '', ctx, revenue);
      const line = withClaim(w.line, w.modifiers === w.line.modifiers ? w.line.modifiers : [...w.modifiers], claim);
      let bucket = claimsByRow[w.rowIndex];
      if (!bucket) {
        bucket = { cpt: [], hcpcs: [] };
        claimsByRow[w.rowIndex] = bucket;
      }
      (line.kind === 'cpt' ? bucket.cpt : bucket.hcpcs).push(line);
    }
    const lines: CodeLine[] = [];
    const drugs: CodeLine[] = [];
    for (const i of indexes) {
      const bucket = claimsByRow[i];
      if (!bucket) continue;
      for (const l of bucket.cpt) lines.push(l);
      for (const l of bucket.hcpcs) drugs.push(l);
    }
    let extra: Finding[] | null = null;
    if (added.size > 0) {
      for (const r of enc.rows) {
        const list = added.get(r);
        if (list) for (const f of list) (extra ??= []).push(f);
      }
    }
    const findings = extra ? enc.findings.concat(extra) : enc.findings;
    const { id, rows: encounterRows, setting, payer, patient, date, provider } = enc;
    return { id, rows: encounterRows, setting, payer, patient, date, provider, cpt: initialServiceFirst(mergeLines(lines)), hcpcs: mergeLines(drugs), findings };
  });

  for (let i = 0; i < claimsByRow.length; i++) {
    const bucket = claimsByRow[i];
    if (!bucket) continue;
    // Written out field by field: one object shape for every row (a spread of each row cost more).
    const { row, encounter, minutes, findings, explanation, status } = newRows[i];
    newRows[i] = { row, encounter, cpt: bucket.cpt, hcpcs: bucket.hcpcs, minutes, findings, explanation, status };
  }
  for (const [row, list] of added) {
    const i = rowIndex.get(row);
    if (i === undefined) continue;
    const findings = newRows[i].findings.concat(list);
    newRows[i] = { ...newRows[i], findings, status: statusOf(findings) };
  }

  return { encounters, rows: newRows };
}

/** The counts behind a ClaimsSummary: a big sheet coded in batches adds its batches' counts together. */
export interface ClaimsCounts {
  encountersChecked: number;
  encountersNotChecked: number;
  total: number;
  withAmount: number;
  withoutAmount: number;
  /** Lines priced by the ASP file whose date of service is outside the file's quarter. */
  aspOutsideQuarter: number;
}

export const NO_CLAIMS_COUNTS: ClaimsCounts = { encountersChecked: 0, encountersNotChecked: 0, total: 0, withAmount: 0, withoutAmount: 0, aspOutsideQuarter: 0 };

/** The months (`2026-01` .. `2026-03`) an ASP file of edition `2026-01` prices: its quarter. Null without an edition. */
export function aspQuarter(edition: string | null | undefined): { from: string; to: string } | null {
  const m = edition ? /^(\d{4})-(\d{2})$/.exec(edition) : null;
  if (!m) return null;
  const year = Number(m[1]);
  const first = Math.floor((Number(m[2]) - 1) / 3) * 3 + 1;
  const month = (n: number) => `${year}-${String(n).padStart(2, '0')}`;
  return { from: month(first), to: month(first + 2) };
}

export function claimsCounts(result: CodingResult, tables: ClaimsTables): ClaimsCounts {
  const ptpTables = tables.ptp ?? [];
  const counts = { ...NO_CLAIMS_COUNTS };
  const quarter = aspQuarter(tables.asp?.info.date);
  for (const enc of result.encounters) {
    if (ptpTables.length > 0 && ptpTablesFor(ptpTables, enc.setting).length > 0) counts.encountersChecked++;
    else counts.encountersNotChecked++;
  }
  const add = (lines: readonly CodeLine[]) => {
    for (const line of lines) {
      const amount = line.claim?.amount ?? null;
      if (amount === null) counts.withoutAmount++;
      else {
        counts.withAmount++;
        counts.total += amount;
        const month = line.date?.slice(0, 7);
        if (quarter && month && line.claim?.source === 'asp' && (month < quarter.from || month > quarter.to)) counts.aspOutsideQuarter++;
      }
    }
  };
  for (const r of result.rows) {
    add(r.cpt);
    add(r.hcpcs);
  }
  return counts;
}

export function addClaimsCounts(a: ClaimsCounts, b: ClaimsCounts): ClaimsCounts {
  return {
    encountersChecked: a.encountersChecked + b.encountersChecked,
    encountersNotChecked: a.encountersNotChecked + b.encountersNotChecked,
    total: a.total + b.total,
    withAmount: a.withAmount + b.withAmount,
    withoutAmount: a.withoutAmount + b.withoutAmount,
    aspOutsideQuarter: a.aspOutsideQuarter + b.aspOutsideQuarter,
  };
}

/**
 * How the notes tell the user to load a missing table, in the words of the place they are shown: the command
 * line's flags here, the task pane's Tables panel in src/excel (PANE_LOAD_HINTS).
 */
export interface LoadHints {
  /** Completes `no PTP file loaded (...)`. */
  ptp: string;
  /** Completes `No amounts: load ...`. */
  prices: string;
}

export const COMMAND_LINE_LOAD_HINTS: LoadHints = { ptp: '--ptp', prices: 'an ASP pricing file (--asp) or a fee schedule (--fees)' };

/** What the claims step did, for the summary line, `--json` and the report; derived from the coded result. */
export function summarizeClaims(result: CodingResult, tables: ClaimsTables, hints: LoadHints = COMMAND_LINE_LOAD_HINTS): ClaimsSummary {
  return claimsSummaryOf(claimsCounts(result, tables), tables, hints);
}

export function claimsSummaryOf(counts: ClaimsCounts, tables: ClaimsTables, hints: LoadHints = COMMAND_LINE_LOAD_HINTS): ClaimsSummary {
  const ptpTables = tables.ptp ?? [];
  const { encountersChecked: checked, encountersNotChecked: notChecked } = counts;
  const sources = [tables.asp && `ASP pricing file ${describe(tables.asp.info)}`, tables.fees && `fee schedule ${describe(tables.fees.info)}`].filter(Boolean);
  const ptpNote =
    ptpTables.length === 0
      ? `NCCI PTP edits were not checked: no PTP file loaded (${hints.ptp}).`
      : `NCCI PTP edits checked in ${checked} encounters against ${ptpTables.map((t) => describe(t.info)).join(', ')}` +
        (notChecked ? `; ${notChecked} encounters not checked (no ${ptpTables.every((t) => t.kind === 'practitioner') ? 'hospital' : 'practitioner'} file loaded).` : '.');
  return {
    tables: tableInfos(tables),
    ptp: { checked: ptpTables.length > 0 && checked > 0, encountersChecked: checked, encountersNotChecked: notChecked, note: ptpNote },
    expectedPayment: cents(counts.total),
    linesWithAmount: counts.withAmount,
    linesWithoutAmount: counts.withoutAmount,
    estimateNote: sources.length
      ? `Estimated payment from the ${sources.join(' and ')}; an estimate, not what the payer will pay.${outsideQuarterNote(counts, tables)}`
      : `No amounts: load ${hints.prices}.`,
  };
}

/** Lines priced by an ASP file of another quarter than their date of service: said, never silent. */
function outsideQuarterNote(counts: ClaimsCounts, tables: ClaimsTables): string {
  const quarter = aspQuarter(tables.asp?.info.date);
  if (!quarter || counts.aspOutsideQuarter === 0) return '';
  const n = counts.aspOutsideQuarter;
  return ` ${n} drug ${n === 1 ? 'line is' : 'lines are'} dated outside the ASP file's quarter (${quarter.from} to ${quarter.to}) and priced with it all the same: load the file of their quarter.`;
}

function describe(info: TableInfo): string {
  return `${info.name}${info.date ? ` (${info.date})` : ''}`;
}

function statusOf(findings: Finding[]): RowStatus {
  if (findings.some((f) => FINDING_SEVERITY[f.id] === 'error')) return 'Error';
  if (findings.some((f) => FINDING_SEVERITY[f.id] === 'warning')) return 'Review';
  return 'OK';
}

/**
 * NCCI PTP: for each pair of codes on one date of service with an edit in effect, indicator 0 makes column 2
 * not payable; indicator 1 needs an NCCI-associated modifier on column 2: when the rules already put one on
 * either code (a second access site), it moves to column 2, else the biller is told. Indicator 9 is ignored.
 */
function checkPtp(work: Work[], tables: PtpTable[], setting: 'facility' | 'office', inputOf: (row: number) => InputRow | undefined, add: (f: Finding) => void): void {
  const byDate = new Map<string, Work[]>();
  for (const w of work) {
    if (!w.line.date) continue;
    const list = byDate.get(w.line.date);
    if (list) list.push(w);
    else byDate.set(w.line.date, [w]);
  }
  for (const [date, group] of byDate) {
    const day = dayNumber(date);
    const codes = [...new Set(group.map((w) => w.line.code))];
    const edits: PtpEdit[] = [];
    for (const c1 of codes) {
      for (const c2 of codes) {
        if (c1 === c2) continue;
        for (const t of tables) {
          const e = activeEdit(t, c1, c2, day, setting);
          if (e) {
            if (e.indicator !== 9) edits.push(e);
            break;
          }
        }
      }
    }
    const column2Of1 = new Set(edits.filter((e) => e.indicator === 1).map((e) => e.column2));
    for (const e of edits) {
      const col2 = group.filter((w) => w.line.code === e.column2);
      const col1 = group.filter((w) => w.line.code === e.column1);
      const why = e.rationale ? ` (${e.rationale})` : '';
      if (e.indicator === 0) {
        for (const w of col2) {
          w.payable = false;
          const input = inputOf(w.line.row);
          if (input) add(finding(input, 'ptp-bundled', null, `${e.column2} is bundled into ${e.column1} on ${date} by an NCCI PTP edit${why}; no modifier allowed, so ${e.column2} is not payable.`));
        }
        continue;
      }
      // A column-1 line's 59 (or XE) for a second encounter of the patient that day says this encounter is apart
      // from the earlier one, not that column 2 is apart from column 1 within it: it justifies nothing here, and
      // stays on its line (moved off, the day's second initial service would go out without it).
      const justified = [...col2, ...col1.filter((w) => !forSeparateEncounter(w.line))].flatMap((w) => w.modifiers).find((m) => DISTINCT.includes(m));
      if (justified) {
        for (const w of col2) if (!w.modifiers.some((m) => DISTINCT.includes(m))) w.modifiers = [...w.modifiers, justified];
        // The modifier belongs on column 2; column 1 keeps it only when it is column 2 of another edit, or a second encounter's.
        if (!column2Of1.has(e.column1)) for (const w of col1) if (!forSeparateEncounter(w.line)) w.modifiers = w.modifiers.filter((m) => m !== justified);
        continue;
      }
      for (const w of col2) {
        const input = inputOf(w.line.row);
        if (input) {
          add(finding(input, 'ptp-modifier-needed', 'site', `${e.column2} with ${e.column1} on ${date} hits an NCCI PTP edit${why}: bill ${e.column2} with 59, XS or XU if it was a distinct service (a separate site or encounter), else it is denied.`));
        }
      }
    }
  }
}

/** Yes-like text of a 340B cell. */
function yes(v: unknown): boolean {
  return !isBlank(v) && /^(y|yes|true|1|x|340b)$/i.test(cellText(v).trim());
}

/**
 * The payer's drug-line rules: the NDC on every drug and solution line (one finding per row, naming the
 * codes without one; a row the rules already flagged keeps theirs); 340B modifier on separately payable drugs.
 */
function payerChecks(work: Work[], profile: PayerProfile, inputOf: (row: number) => InputRow | undefined, rows: readonly RowResult[], ctx: ClaimsContext, add: (f: Finding) => void): void {
  const asp = ctx.tables.asp;
  if (profile.ndcRequired) {
    const missing = new Map<number, string[]>();
    for (const w of work) {
      if (w.line.kind !== 'hcpcs' || w.line.ndc) continue;
      if (rows[w.rowIndex].findings.some((f) => f.id === 'missing-ndc')) continue;
      const codes = missing.get(w.line.row) ?? [];
      if (!codes.includes(w.line.code)) codes.push(w.line.code);
      missing.set(w.line.row, codes);
    }
    for (const [row, codes] of missing) {
      const input = inputOf(row);
      if (!input) continue;
      const which = codes.length === 1 ? `${codes[0]} has none` : `${codes.slice(0, -1).join(', ')} and ${codes[codes.length - 1]} have none`;
      add(finding(input, 'missing-ndc', ndcFindingField(input), `${profile.payer} requires the NDC on drug lines: ${which}; add the 11-digit NDC of the package given.`));
    }
  }
  if (profile.modifier340b === 'none') return;
  for (const w of work) {
    if (w.line.kind !== 'hcpcs') continue;
    const input = inputOf(w.line.row);
    if (!input) continue;
    if (!(ctx.tables.all340b || yes(input.values['340b']))) continue;
    const entry = ctx.catalog.byHcpcs(w.line.code);
    const separatelyPayable = entry?.drugClass !== 'H' && entry?.drugClass !== 'X' && (!asp || asp.byCode.has(w.line.code));
    const modifier = modifier340bOn(profile.modifier340b, w.line.date);
    if (separatelyPayable && modifier && !w.modifiers.includes(modifier)) w.modifiers = [...w.modifiers, modifier];
  }
}

/**
 * The ASP payment limit per billing unit of the line, which the catalog counts: the limit is per the file's
 * dosage (`4 MG`), so where that differs from the catalog's unit in the same measure (1 mg), the limit is scaled
 * to it (0.40 per 4 mg is 0.10 per mg). Else the limit as written.
 */
function aspPerUnit(ctx: ClaimsContext, code: string): number | null {
  const row = ctx.tables.asp?.byCode.get(code);
  if (!row) return null;
  const dosage = readDosage(row.dosage);
  const entry = ctx.catalog.byHcpcs(code);
  if (!dosage || !entry?.unitAmount || entry.unitUom !== dosage.uom || dosage.amount === entry.unitAmount) return row.paymentLimit;
  return (row.paymentLimit * entry.unitAmount) / dosage.amount;
}

/**
 * CMS's 340B modifier on a date of service: TB from 2025-01-01, JG before (from 2018-01-01, when it began), none
 * earlier. A profile that asks for TB gets the modifier of the line's date; one that asks for JG gets JG.
 */
export function modifier340bOn(modifier: 'JG' | 'TB', date: string | null): 'JG' | 'TB' | null {
  if (modifier !== 'TB' || date === null) return modifier;
  return date >= '2025-01-01' ? 'TB' : date >= '2018-01-01' ? 'JG' : null;
}

function lineClaim(
  w: Work,
  form: 'UB-04' | 'CMS-1500',
  payer: string,
  ctx: ClaimsContext,
  revenue: ReturnType<typeof defaultRevenueCodes>,
): LineClaim {
  const { line } = w;
  const fee = ctx.tables.fees ? feeFor(ctx.tables.fees, line.code, w.modifiers, payer) : null;
  const asp = line.kind === 'hcpcs' ? aspPerUnit(ctx, line.code) : null;
  const price = fee ?? asp;
  const amount = price === null ? null : w.payable ? cents(price * line.units) : 0;
  let ndc: string | null = null;
  const ndc11 = line.kind === 'hcpcs' && line.ndc ? ndcDigits(line.ndc) : null;
  if (ndc11) {
    const entry = ctx.tables.crosswalk?.byNdc.get(ndc11);
    const quantity = entry && entry.code === line.code ? ndcQuantityOf(entry, line.units) : null;
    ndc = entry && quantity !== null ? ndcClaimLine(ndc11, entry.qualifier, quantity) : `N4${ndc11}`;
  }
  return {
    amount,
    source: fee !== null ? 'fee' : asp !== null ? 'asp' : null,
    revenueCode: form === 'UB-04' ? revenueCodeFor(revenue, line.kind, line.code, line.kind === 'hcpcs' ? ctx.catalog.byHcpcs(line.code) : null) : null,
    ndc,
    claimForm: form,
    payable: w.payable,
  };
}

/** Encounter lines as the rules merge them, with the merged line's amount the sum of its parts' amounts. */
function mergeLines(lines: CodeLine[]): CodeLine[] {
  return mergeCodeLines(lines, (group, merged) => {
    if (!merged.claim) return merged;
    let amount: number | null = null;
    for (const l of group) if (l.claim?.amount != null) amount = (amount ?? 0) + l.claim.amount;
    return { ...merged, claim: { ...merged.claim, amount: amount === null ? null : cents(amount) } };
  });
}
