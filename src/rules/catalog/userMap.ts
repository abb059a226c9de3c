/**
 * The user's files: a drug map (extra or corrected catalog entries) and the CMS MUE file. Both arrive as
 * grids of cell values (a CSV or a worksheet); the header row is found by name, rows above it (titles,
 * notices) are skipped, and a bad row becomes a problem to show, never an exception.
 */
import { UNCLASSIFIED_DRUG_CODES } from '../data/lists';
import type { CellValue } from '../types';
import { cellText, isBlank } from '../values/cell';
import { formatDay, parseDate } from '../values/date';
import type { Antineoplastic, DrugClass, DrugEntry, UnitUom } from './catalog';

/** How far down a header row is looked for (title and notice rows come first in CMS files). */
const HEADER_SEARCH_ROWS = 50;

type DrugColumn =
  | 'name' | 'synonyms' | 'hcpcs' | 'unit' | 'amount' | 'uom' | 'kind' | 'class' | 'antineoplastic' | 'singleDose'
  | 'effectiveFrom' | 'effectiveTo' | 'replaces' | 'source' | 'notes';

/** Normalised header text (lower case letters and digits only) -> column. */
const DRUG_HEADERS: Record<string, DrugColumn> = {};
function headers(col: DrugColumn, names: string[]): void {
  for (const n of names) DRUG_HEADERS[n] = col;
}
headers('name', ['name', 'drug', 'drugname', 'medication', 'med', 'generic', 'genericname', 'drugsolution']);
headers('synonyms', ['synonyms', 'synonym', 'aliases', 'alias', 'brand', 'brands', 'brandname', 'brandnames', 'othernames']);
headers('hcpcs', ['hcpcs', 'hcpcscode', 'code', 'jcode', 'hcpcscpt', 'hcpcscptcode']);
headers('unit', ['billingunit', 'unit', 'hcpcsunit', 'billunit', 'unitofbilling', 'dosageunit', 'hcpcsdosage', 'dosage']);
headers('amount', ['unitamount', 'amount', 'billingunitamount', 'unitqty', 'unitquantity']);
headers('uom', ['unituom', 'uom', 'unitofmeasure', 'billingunituom']);
headers('kind', ['unitkind', 'kind']);
headers('class', ['class', 'drugclass', 'type', 'category']);
headers('antineoplastic', ['antineoplastic', 'antineoplastictype', 'hormonal', 'antineoplastickind']);
headers('singleDose', ['singledose', 'singledosevial', 'singledosecontainer', 'sdv', 'single']);
headers('effectiveFrom', ['effectivefrom', 'effectivedate', 'from', 'validfrom', 'startdate', 'adddate', 'begin']);
headers('effectiveTo', ['effectiveto', 'enddate', 'to', 'validto', 'termdate', 'terminationdate', 'end']);
headers('replaces', ['replaces', 'replacedcode', 'replacescode', 'previouscode', 'oldcode']);
headers('source', ['source', 'sources', 'reference', 'references']);
headers('notes', ['notes', 'note', 'comment', 'comments']);

function norm(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const UOMS: Record<string, { uom: UnitUom; factor: number }> = {
  mg: { uom: 'mg', factor: 1 }, milligram: { uom: 'mg', factor: 1 }, milligrams: { uom: 'mg', factor: 1 },
  mcg: { uom: 'mcg', factor: 1 }, ug: { uom: 'mcg', factor: 1 }, 'µg': { uom: 'mcg', factor: 1 }, 'μg': { uom: 'mcg', factor: 1 },
  microgram: { uom: 'mcg', factor: 1 }, micrograms: { uom: 'mcg', factor: 1 },
  g: { uom: 'g', factor: 1 }, gm: { uom: 'g', factor: 1 }, gram: { uom: 'g', factor: 1 }, grams: { uom: 'g', factor: 1 },
  ml: { uom: 'ml', factor: 1 }, cc: { uom: 'ml', factor: 1 }, l: { uom: 'ml', factor: 1000 }, liter: { uom: 'ml', factor: 1000 },
  litre: { uom: 'ml', factor: 1000 },
  unit: { uom: 'units', factor: 1 }, units: { uom: 'units', factor: 1 }, u: { uom: 'units', factor: 1 }, iu: { uom: 'units', factor: 1 },
  meq: { uom: 'meq', factor: 1 },
};

const HCPCS_RE = /^[A-Z]\d{4}$/;
const UNIT_TEXT_RE = /^(?:(per|up\s*to|each)\s+)?(\d*\.?\d+)?\s*([a-zµμ]+)$/;

type BillingUnit = { amount: number | null; uom: UnitUom | null; kind: DrugEntry['unitKind'] };

/** `250 mg`, `up to 80 mg`, `per 1.125 g`, `1 mL`, `NOC`, `` -> billing unit (or a reason it is unreadable). */
function readBillingUnit(text: string, kindText: string, amountText: string, uomText: string): BillingUnit | string {
  let kind: DrugEntry['unitKind'] = 'per';
  const k = norm(kindText);
  if (k === 'upto' || k === 'up') kind = 'up_to';
  else if (k === 'noc' || k === 'unclassified') kind = 'noc';
  else if (k !== '' && k !== 'per') return `unit kind '${kindText}' is not per, up_to or noc`;
  let source = text.trim().toLowerCase();
  if (source === '' && (amountText !== '' || uomText !== '')) source = `${amountText} ${uomText}`.trim().toLowerCase();
  if (kind === 'noc' || source === '' || source === 'noc' || source === 'unclassified' || source === 'n/a') {
    return { amount: null, uom: null, kind: 'noc' };
  }
  const m = UNIT_TEXT_RE.exec(source.replace(/\s+/g, ' ').replace(/(\d),(?=\d{3})/g, '$1'));
  if (!m) return `billing unit '${text || source}' is not like '250 mg' or 'up to 80 mg'`;
  if (m[1] && m[1].startsWith('up')) kind = 'up_to';
  const amount = m[2] === undefined ? 1 : +m[2];
  const u = UOMS[m[3]];
  if (!u) return `billing unit '${text || source}' has an unknown unit '${m[3]}' (use mg, mcg, g, mL, units or mEq)`;
  if (!(amount > 0) || !Number.isFinite(amount)) return `billing unit '${text || source}' needs an amount above 0`;
  return { amount: amount * u.factor, uom: u.uom, kind };
}

function readClass(text: string): DrugClass | null {
  const t = norm(text);
  if (t === '' || t === 't' || t.startsWith('therap') || t === 'drug' || t === 'injection') return 'T';
  if (t === 'f' || t.startsWith('flush') || t.startsWith('linepatency') || t === 'lockflush') return 'F';
  if (t === 'c' || t.startsWith('chemo') || t.startsWith('complex') || t.startsWith('biologic') || t === 'oncology') return 'C';
  if (t === 'h' || t.startsWith('hydrat') || t.startsWith('fluid') || t === 'solution' || t === 'ivfluid') return 'H';
  if (t === 'x' || t.startsWith('contrast') || t === 'imaging') return 'X';
  return null;
}

function readAntineoplastic(text: string): Antineoplastic | 'bad' {
  const t = norm(text);
  if (t === '' || t === 'no' || t === 'n' || t === 'none') return null;
  if (t === 'hormonal' || t === 'h' || t === 'yeshormonal') return 'hormonal';
  if (t === 'nonhormonal' || t === 'nh' || t === 'yes' || t === 'y' || t === 'yesnonhormonal') return 'non-hormonal';
  return 'bad';
}

/** A date cell (yyyy-mm-dd, 3/31/2024, an Excel date) as yyyy-mm-dd; null when blank; 'bad' when unreadable. */
function readIsoDate(value: CellValue): string | null | 'bad' {
  if (isBlank(value)) return null;
  const parsed = parseDate(value);
  if (!parsed.ok) return 'bad';
  return formatDay(parsed.value) || 'bad';
}

function readYesNo(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (t === '' || t === 'n' || t === 'no' || t === 'false' || t === '0' || t === 'multi' || t === 'multiple') return false;
  if (t === 'y' || t === 'yes' || t === 'true' || t === '1' || t === 'x' || t === 'single' || t === 'sdv') return true;
  return null;
}

/** The first row (within the first rows) whose cells name every required column, or null. */
export function findHeader<C extends string>(grid: CellValue[][], read: (text: string) => C | null, required: C[]): { row: number; columns: Map<C, number> } | null {
  const limit = Math.min(grid.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r++) {
    const row = grid[r];
    if (!Array.isArray(row)) continue;
    const columns = new Map<C, number>();
    for (let c = 0; c < row.length; c++) {
      const col = read(cellText(row[c]));
      if (col !== null && !columns.has(col)) columns.set(col, c);
    }
    if (required.every((k) => columns.has(k))) return { row: r, columns };
  }
  return null;
}

/**
 * A drug map (CSV or worksheet) with the catalog's columns (drugs-2026.csv layout, or the usual header
 * spellings): name, synonyms (`|` or `;` separated), HCPCS, billing unit (`250 mg`, or amount + uom + kind
 * columns), class (T/C/H/X/F or words), antineoplastic (hormonal / non-hormonal), single_dose (y/yes/true/1),
 * effective_from / effective_to (dates), replaces (codes, `|` separated), source, notes. Several rows may
 * share a name (dated versions, indications). A bad row is reported and skipped; a bad optional value is
 * reported and read as blank.
 */
export function parseDrugMap(grid: CellValue[][]): { entries: DrugEntry[]; problems: string[] } {
  const entries: DrugEntry[] = [];
  const problems: string[] = [];
  if (!Array.isArray(grid)) return { entries, problems: ['The drug map is empty.'] };
  const header = findHeader<DrugColumn>(grid, (t) => DRUG_HEADERS[norm(t)] ?? null, ['name', 'hcpcs']);
  if (!header) {
    problems.push('No header row with a drug name column and an HCPCS column was found in the drug map.');
    return { entries, problems };
  }
  const { columns } = header;
  const seen = new Map<string, number>();
  for (let r = header.row + 1; r < grid.length; r++) {
    const row = grid[r];
    if (!Array.isArray(row) || row.every((v) => isBlank(v))) continue;
    const get = (col: DrugColumn): string => {
      const c = columns.get(col);
      return c === undefined || isBlank(row[c]) ? '' : cellText(row[c]);
    };
    const line = `Drug map row ${r + 1}`;
    const name = get('name');
    if (name === '') {
      problems.push(`${line}: no drug name; row skipped.`);
      continue;
    }
    const hcpcs = get('hcpcs').toUpperCase().replace(/\s+/g, '');
    if (!HCPCS_RE.test(hcpcs)) {
      problems.push(`${line} (${name}): '${get('hcpcs')}' is not an HCPCS code like J1234; row skipped.`);
      continue;
    }
    const unit = readBillingUnit(get('unit'), get('kind'), get('amount'), get('uom'));
    if (typeof unit === 'string') {
      problems.push(`${line} (${name}): ${unit}; row skipped.`);
      continue;
    }
    if (unit.kind === 'noc' && !UNCLASSIFIED_DRUG_CODES.values.has(hcpcs)) {
      problems.push(`${line} (${name}): no billing unit for ${hcpcs}; billed as 1 unit per line like an unclassified code.`);
    }
    const classText = get('class');
    const drugClass = readClass(classText);
    if (drugClass === null) {
      problems.push(`${line} (${name}): class '${classText}' is not T, C, H, X or F (therapeutic, chemo/complex, hydration/fluid, contrast, line flush); row skipped.`);
      continue;
    }
    const dates: (string | null)[] = [];
    for (const col of ['effectiveFrom', 'effectiveTo'] as const) {
      const c = columns.get(col);
      const date = c === undefined ? null : readIsoDate(row[c]);
      if (date === 'bad') problems.push(`${line} (${name}): ${col === 'effectiveFrom' ? 'effective_from' : 'effective_to'} '${get(col)}' is not a date like 2024-10-01; row skipped.`);
      dates.push(date === 'bad' ? 'bad' : date);
    }
    const [effectiveFrom, effectiveTo] = dates;
    if (effectiveFrom === 'bad' || effectiveTo === 'bad') continue;
    if (effectiveFrom !== null && effectiveTo !== null && effectiveTo < effectiveFrom) {
      problems.push(`${line} (${name}): effective_to ${effectiveTo} is before effective_from ${effectiveFrom}; row skipped.`);
      continue;
    }
    const antiText = get('antineoplastic');
    let antineoplastic = readAntineoplastic(antiText);
    if (antineoplastic === 'bad') {
      problems.push(`${line} (${name}): antineoplastic '${antiText}' is not hormonal or non-hormonal; read as blank.`);
      antineoplastic = null;
    }
    const replaces = get('replaces').toUpperCase().split(/[|;,\s]+/).filter((c) => c !== '');
    const badCode = replaces.find((c) => !HCPCS_RE.test(c));
    if (badCode !== undefined) problems.push(`${line} (${name}): replaces '${badCode}' is not an HCPCS code; ignored.`);
    const sdText = get('singleDose');
    let singleDose = readYesNo(sdText);
    if (singleDose === null) {
      problems.push(`${line} (${name}): single_dose '${sdText}' is not yes or no; read as no.`);
      singleDose = false;
    }
    const synonyms = get('synonyms')
      .split(/[|;]/)
      .map((s) => s.trim())
      .filter((s) => s !== '');
    // Rows sharing a name are dated versions or indications of one drug; the same code twice is a mistake.
    const key = `${name.toLowerCase()}|${hcpcs}|${effectiveFrom ?? ''}`;
    if (seen.has(key)) {
      problems.push(`${line}: '${name}' ${hcpcs} is also on row ${seen.get(key)}; the first row wins.`);
      continue;
    }
    seen.set(key, r + 1);
    entries.push({
      name, synonyms, hcpcs, unitAmount: unit.amount, unitUom: unit.uom, unitKind: unit.kind, drugClass, antineoplastic, singleDose,
      effectiveFrom, effectiveTo, replaces: replaces.filter((c) => HCPCS_RE.test(c)), source: get('source'), notes: get('notes'),
    });
  }
  if (entries.length === 0 && problems.length === 0) problems.push('The drug map has a header row but no drugs.');
  return { entries, problems };
}

type MueColumn = 'code' | 'value' | 'indicator' | 'rationale';

function readMueHeader(text: string): MueColumn | null {
  const t = text.toLowerCase();
  if (t.includes('mue value')) return 'value';
  if (t.includes('adjudication')) return 'indicator';
  if (t.includes('rationale')) return 'rationale';
  const n = norm(text);
  if (n === 'hcpcscptcode' || n === 'hcpcscode' || n === 'cptcode' || n === 'hcpcs' || n === 'code' || n === 'cpthcpcscode') return 'code';
  return null;
}

/**
 * The CMS MUE file (practitioner, facility or DME): columns "HCPCS/CPT Code" and "... MUE Values" (plus
 * the adjudication indicator and rationale, not needed here). Notice rows above the header are skipped.
 */
export function parseMueFile(grid: CellValue[][]): { table: Map<string, number>; problems: string[] } {
  const table = new Map<string, number>();
  const problems: string[] = [];
  if (!Array.isArray(grid)) return { table, problems: ['The MUE file is empty.'] };
  const header = findHeader<MueColumn>(grid, readMueHeader, ['code', 'value']);
  if (!header) {
    problems.push("No header row with an 'HCPCS/CPT Code' column and an 'MUE Values' column was found in the MUE file.");
    return { table, problems };
  }
  const codeCol = header.columns.get('code') as number;
  const valueCol = header.columns.get('value') as number;
  for (let r = header.row + 1; r < grid.length; r++) {
    const row = grid[r];
    if (!Array.isArray(row) || row.every((v) => isBlank(v))) continue;
    let code = isBlank(row[codeCol]) ? '' : cellText(row[codeCol]).toUpperCase().replace(/\s+/g, '');
    if (/^\d{1,5}$/.test(code)) code = code.padStart(5, '0'); // a CPT code read as a number loses its leading zeros
    if (!/^[A-Z0-9]\d{3}[A-Z0-9]$/.test(code)) {
      if (code !== '') problems.push(`MUE file row ${r + 1}: '${code}' is not a CPT/HCPCS code; row skipped.`);
      continue;
    }
    const valueText = isBlank(row[valueCol]) ? '' : cellText(row[valueCol]);
    const value = Number(valueText.replace(/,/g, ''));
    if (valueText === '' || !Number.isInteger(value) || value < 0) {
      problems.push(`MUE file row ${r + 1} (${code}): MUE value '${valueText}' is not a whole number; row skipped.`);
      continue;
    }
    if (table.has(code)) problems.push(`MUE file row ${r + 1}: ${code} appears again; the first value (${table.get(code)}) is kept.`);
    else table.set(code, value);
  }
  if (table.size === 0 && problems.length === 0) problems.push('The MUE file has a header row but no codes.');
  return { table, problems };
}
