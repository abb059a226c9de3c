/**
 * The coded copy reads well: read back with exceljs, the sample's coded sheet has its header frozen, a
 * filter over the table, wrapped IC columns fitted to their content in rows tall enough for them, every
 * finding listed errors first, red and amber cells with notes, status cells in their row's colour, and a
 * landscape one-page-wide print setup with the header row repeated. The red and amber fills are rules
 * reading each row's IC Flags cell, so rows sorted in the copy keep their highlights. A CSV input's coded
 * .xlsx is laid out the same way.
 */
import * as fs from 'fs';
import * as path from 'path';
import type ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { FILL_ARGB, NOTE_PREFIX } from '../../src/sheet/plan';
import { ROOT, ensureBuilt, headerColumns, load, run, tempDir } from './helpers';

interface JsonRow {
  row: number;
  status: string;
  explanation: string;
  findings: { id: string; severity: string; field: string | null; message: string }[];
}

let dir: string;
let ws: ExcelJS.Worksheet;
let rows: JsonRow[];
let col: Map<string, number>;
/** The coded sheet's notes by cell (`M11`), from its comments part: exceljs drops a note on an empty cell. */
let notes: Map<string, string>;
const HEADER_ROW = 4;

beforeAll(async () => {
  ensureBuilt();
  dir = tempDir();
  fs.copyFileSync(path.join(ROOT, 'examples', 'infusions.xlsx'), path.join(dir, 'infusions.xlsx'));
  expect(run(['code', 'infusions.xlsx', '-q'], dir).code).toBe(0);
  rows = (JSON.parse(run(['code', 'infusions.xlsx', '--json'], dir).stdout) as { rows: JsonRow[] }).rows;
  ws = (await load(path.join(dir, 'infusions.coded.xlsx'))).getWorksheet('Infusion Log')!;
  col = headerColumns(ws, HEADER_ROW);
  const zip = await JSZip.loadAsync(fs.readFileSync(path.join(dir, 'infusions.coded.xlsx')));
  const comments = await zip.file('xl/comments1.xml')!.async('string');
  notes = new Map([...comments.matchAll(/<comment ref="([A-Z]+\d+)"[^>]*>([\s\S]*?)<\/comment>/g)].map((m) => [m[1], m[2].replace(/<[^>]+>/g, '')]));
});

/** 'Y5' -> [5, 25]. */
function cellOf(ref: string): [number, number] {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref)!;
  const column = [...m[1]].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
  return [Number(m[2]), column];
}

/**
 * The fill a cell shows: the first conditional format (by priority) over it whose rule holds. The copy has
 * two kinds of rule: ISNUMBER(SEARCH(" E:stop "," "&$AC5&" ")) (a highlighted input cell: its row's IC Flags
 * name it) and EXACT($Y5,"Error") (a status colour). References are relative to the range's first row.
 */
function shownFill(sheet: ExcelJS.Worksheet, row: number, column: number): string {
  // exceljs reads them into a property its types do not declare
  const formats = (sheet as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;
  const rules = formats.flatMap((cf) => cf.rules.map((rule) => ({ ref: cf.ref, rule: rule as ExcelJS.ExpressionRuleType })));
  rules.sort((a, b) => (a.rule.priority ?? 0) - (b.rule.priority ?? 0));
  for (const { ref, rule } of rules) {
    for (const range of ref.split(' ')) {
      const [from, to] = range.split(':');
      const [top, left] = cellOf(from);
      const [bottom, right] = cellOf(to ?? from);
      if (row < top || row > bottom || column < left || column > right) continue;
      const formula = rule.formulae![0];
      const exact = /^EXACT\(\$([A-Z]+)(\d+),"(\w+)"\)$/.exec(formula);
      const flagged = /^ISNUMBER\(SEARCH\("( [EW]:\w+ )"," "&\$([A-Z]+)(\d+)&" "\)\)$/.exec(formula);
      let holds: boolean;
      if (flagged) holds = ` ${String(sheet.getCell(`${flagged[2]}${row + Number(flagged[3]) - top}`).value ?? '')} `.includes(flagged[1]);
      else if (exact) holds = sheet.getCell(`${exact[1]}${row + Number(exact[2]) - top}`).value === exact[3];
      else throw new Error(`a rule this test does not know: ${formula}`);
      if (holds) return ((rule.style?.fill as ExcelJS.FillPattern | undefined)?.bgColor?.argb ?? '').toUpperCase();
    }
  }
  return '';
}

describe('the coded copy of the sample', () => {
  it('freezes the header row and puts a filter over the whole table', () => {
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}` });
    const lastColumn = Math.max(...col.values());
    const letters = ws.getColumn(lastColumn).letter;
    const lastRow = Math.max(...rows.map((r) => r.row));
    expect(ws.autoFilter).toBe(`A${HEADER_ROW}:${letters}${lastRow}`);
  });

  it('wraps the IC columns at widths that fit their content, in rows tall enough for every line', () => {
    for (const header of ['IC CPT', 'IC HCPCS', 'IC Status', 'IC Findings', 'IC Explanation']) {
      const c = col.get(header)!;
      expect([header, ws.getRow(HEADER_ROW).getCell(c).alignment?.wrapText]).toEqual([header, true]);
      expect([header, ws.getRow(HEADER_ROW + 1).getCell(c).alignment?.wrapText]).toEqual([header, true]);
      let longest = header.length;
      ws.getColumn(c).eachCell((cell, r) => {
        if (r > HEADER_ROW) for (const line of String(cell.value ?? '').split('\n')) longest = Math.max(longest, line.length);
      });
      const width = ws.getColumn(c).width!;
      expect(width).toBeGreaterThanOrEqual(Math.min(longest, 60));
      expect(width).toBeLessThanOrEqual(Math.max(longest + 4, 12));
    }
    expect(ws.getColumn(col.get('IC Status')!).width).toBeLessThan(ws.getColumn(col.get('IC Findings')!).width!);
    let tall = 0;
    for (const r of rows) {
      const lines = Math.max(...['IC Findings', 'IC Explanation'].map((h) => String(ws.getRow(r.row).getCell(col.get(h)!).value ?? '').split('\n').length));
      if (lines > 1) tall++;
      expect([r.row, (ws.getRow(r.row).height ?? 15) >= lines * 15]).toEqual([r.row, true]);
    }
    expect(tall).toBeGreaterThan(0);
  });

  it('lists every finding of a row, one per line, errors first', () => {
    const several = rows.filter((r) => r.findings.length > 1);
    expect(several.length).toBeGreaterThan(0);
    for (const r of rows) {
      const cell = String(ws.getRow(r.row).getCell(col.get('IC Findings')!).value ?? '');
      const lines = cell === '' ? [] : cell.split('\n');
      expect([r.row, lines.length]).toEqual([r.row, r.findings.length]);
      const severities = lines.map((l) => r.findings.find((f) => l === `${f.id}: ${f.message}`)!.severity);
      const rank = { error: 0, warning: 1, info: 2 } as Record<string, number>;
      expect(severities.map((s) => rank[s])).toEqual([...severities.map((s) => rank[s])].sort());
    }
  });

  it('fills cells behind errors light red and behind warnings light amber (conditional formats), each with its note', () => {
    let errors = 0;
    let warnings = 0;
    for (const r of rows) {
      for (const f of r.findings) {
        if (f.severity === 'info') continue;
        const header = f.field ? [...col.keys()].find((h) => h === findingsHeader(f.field!)) : undefined;
        const column = col.get(header ?? 'IC Findings')!;
        const note = notes.get(ws.getRow(r.row).getCell(column).address) ?? '';
        const worst = r.findings.some((g) => g.severity === 'error' && sameCell(g, f)) ? 'error' : 'warning';
        expect([r.row, f.id, shownFill(ws, r.row, column)]).toEqual([r.row, f.id, FILL_ARGB[worst]]);
        expect([r.row, f.id, note.startsWith(NOTE_PREFIX)]).toEqual([r.row, f.id, true]);
        expect(note).toContain(f.message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
        if (f.severity === 'error') errors++;
        else warnings++;
      }
    }
    expect(errors).toBeGreaterThan(0);
    expect(warnings).toBeGreaterThan(0);
    // a cell without a finding shows no fill
    const clean = rows.find((r) => r.findings.length === 0)!;
    expect(shownFill(ws, clean.row, col.get('Drug/Solution')!)).toBe('');
  });

  it('names each highlighted cell in its row’s IC Flags, right of the IC columns, one rule per column and severity', () => {
    const flags = col.get('IC Flags')!;
    expect(flags).toBe(col.get('IC Explanation')! + 1);
    expect(ws.getColumn(flags).width).toBeLessThanOrEqual(20);
    const formats = (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;
    const letters = ws.getColumn(flags).letter;
    const highlights = formats.filter((cf) => !/^EXACT/.test((cf.rules[0] as ExcelJS.ExpressionRuleType).formulae![0]));
    expect(highlights.length).toBeGreaterThan(2);
    const seen = new Set<string>();
    for (const cf of highlights) {
      // a whole column of the table, reading the flags of the range's first row
      const [from, to] = cf.ref.split(':');
      expect([cellOf(from)[0], cellOf(to)[0], cellOf(from)[1]]).toEqual([HEADER_ROW + 1, Math.max(...rows.map((r) => r.row)), cellOf(to)[1]]);
      const formula = (cf.rules[0] as ExcelJS.ExpressionRuleType).formulae![0];
      expect(formula).toMatch(new RegExp(`^ISNUMBER\\(SEARCH\\(" [EW]:\\w+ "," "&\\$${letters}${HEADER_ROW + 1}&" "\\)\\)$`));
      const key = `${cf.ref}|${formula}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
    // a row's flags name exactly its highlighted cells: `E:stop` on a row whose Stop Time is red
    for (const r of rows) {
      const text = String(ws.getRow(r.row).getCell(flags).value ?? '');
      const named = text === '' ? [] : text.split(' ');
      const expected = new Set<string>();
      for (const f of r.findings) {
        if (f.severity === 'info') continue;
        const worst = r.findings.some((g) => g.severity === 'error' && sameCell(g, f)) ? 'E' : 'W';
        expected.add(`${worst}:${f.field && findingsHeader(f.field) !== 'IC Findings' ? f.field : 'findings'}`);
      }
      expect([r.row, named]).toEqual([r.row, [...expected].sort()]);
    }
  });

  it('keeps each highlight on its row when the rows are sorted in the copy (the rules are per column)', async () => {
    // Reverse the data rows in the sheet XML, as a sort in Excel moves rows: every cell goes to its new row.
    const file = path.join(dir, 'infusions.coded.xlsx');
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const last = Math.max(...rows.map((r) => r.row));
    const moved = (r: number) => (r > HEADER_ROW && r <= last ? last + HEADER_ROW + 1 - r : r);
    const data = /<sheetData>([\s\S]*)<\/sheetData>/.exec(xml)!;
    const sheetRows = data[1].match(/<row [\s\S]*?<\/row>|<row [^>]*\/>/g)!.map((row) => {
      const r = moved(Number(/ r="(\d+)"/.exec(row)![1]));
      return { r, xml: row.replace(/ r="(\d+)"/, ` r="${r}"`).replace(/(<c r="[A-Z]+)\d+"/g, `$1${r}"`) };
    });
    sheetRows.sort((a, b) => a.r - b.r);
    zip.file('xl/worksheets/sheet1.xml', xml.slice(0, data.index) + `<sheetData>${sheetRows.map((x) => x.xml).join('')}</sheetData>` + xml.slice(data.index + data[0].length));
    const sortedFile = path.join(dir, 'infusions.sorted.xlsx');
    fs.writeFileSync(sortedFile, await zip.generateAsync({ type: 'nodebuffer' }));
    const sorted = (await load(sortedFile)).getWorksheet('Infusion Log')!;
    let checked = 0;
    for (const r of rows) {
      for (const f of r.findings) {
        if (f.severity === 'info') continue;
        const column = col.get(findingsHeader(f.field ?? ''))!;
        const worst = r.findings.some((g) => g.severity === 'error' && sameCell(g, f)) ? 'error' : 'warning';
        expect([r.row, f.id, shownFill(sorted, moved(r.row), column)]).toEqual([r.row, f.id, FILL_ARGB[worst]]);
        checked++;
      }
      // and a cell of the row that had no finding shows none after the move either
      if (r.findings.length === 0) expect([r.row, shownFill(sorted, moved(r.row), col.get('Stop Time')!)]).toEqual([r.row, '']);
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('colours each status cell with its row colour', () => {
    const seen = new Set<string>();
    for (const r of rows) {
      const cell = ws.getRow(r.row).getCell(col.get('IC Status')!);
      expect(cell.value).toBe(r.status);
      const expected = r.status === 'Error' ? FILL_ARGB.error : r.status === 'Review' ? FILL_ARGB.warning : '';
      expect([r.row, shownFill(ws, r.row, col.get('IC Status')!)]).toEqual([r.row, expected]);
      seen.add(r.status);
    }
    expect([...seen].sort()).toEqual(['Error', 'OK', 'Review']);
  });

  it('says on a merged drug line’s other rows where it was counted, and puts each sentence on its own line', () => {
    const explanations = rows.map((r) => String(ws.getRow(r.row).getCell(col.get('IC Explanation')!).value ?? ''));
    expect(explanations.some((e) => /^Counted in J\d{4}(-[A-Z0-9]+)*( x\d+)? on row \d+\.$/m.test(e))).toBe(true);
    const multi = explanations.find((e) => /^96365: .*\n96366/.test(e));
    expect(multi).toBeDefined();
    for (const e of explanations) for (const line of e.split('\n')) expect(line).toMatch(/^(\d{5}|[A-Z]\d{4}|J[WZ]|Counted in|No administration code)[^\n]*\.$/);
  });

  it('prints landscape, one page wide, with the header row on every page', () => {
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}` });
  });
});

describe('the coded .xlsx of a CSV input', () => {
  const CSV = [
    'Visit,Date,Drug,Dose,Route,Start,Stop,Dx,Necessity',
    'V1,03/02/2026,ceftriaxone,1 g,IV infusion,09:00,09:40,A41.9,sepsis',
    'V1,03/02/2026,NS,1000 mL,IV infusion,09:00,11:00,A41.9,dehydration',
    'V2,03/02/2026,vancomycin,1 g,IV infusion,10:00,,L03.115,cellulitis',
    'V3,03/02/2026,Banana bag,1000 mL,IV infusion,08:00,09:30,E86.0,dehydration',
  ].join('\n');

  it('has the same layout: frozen header, filter, wrapped fitted IC columns, coloured status, print setup', async () => {
    fs.writeFileSync(path.join(dir, 'visits.csv'), `${CSV}\n`);
    expect(run(['code', 'visits.csv', '-q'], dir).code).toBe(0);
    const sheet = (await load(path.join(dir, 'visits.coded.xlsx'))).worksheets[0];
    const c = headerColumns(sheet, 1);
    const last = sheet.getColumn(Math.max(...c.values())).letter;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe(`A1:${last}5`);
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    const status = c.get('IC Status')!;
    expect(sheet.getRow(1).getCell(c.get('IC Findings')!).alignment?.wrapText).toBe(true);
    expect(sheet.getColumn(c.get('IC Findings')!).width).toBeGreaterThan(sheet.getColumn(status).width!);
    const shown = [2, 3, 4, 5].map((r) => [sheet.getRow(r).getCell(status).value, shownFill(sheet, r, status)]);
    expect(shown).toContainEqual(['Error', FILL_ARGB.error]);
    expect(shown).toContainEqual(['Review', FILL_ARGB.warning]);
    expect(shown).toContainEqual(['OK', '']);
    // V2 has no stop time: its Stop cell is red through the row's IC Flags
    const flags = c.get('IC Flags')!;
    expect(flags).toBe(c.get('IC Explanation')! + 1);
    expect(sheet.getRow(4).getCell(flags).value).toMatch(/(^| )E:stop( |$)/);
    expect(shownFill(sheet, 4, c.get('Stop')!)).toBe(FILL_ARGB.error);
    expect(shownFill(sheet, 2, c.get('Stop')!)).toBe('');
  });

  it('never writes IC Flags over a user column typed beside an earlier copy’s block: the flags go after it', async () => {
    const ours = ['IC CPT', 'IC HCPCS', 'IC NDC', 'IC Modifiers', 'IC Minutes', 'IC Status', 'IC Findings', 'IC Explanation'];
    const lines = CSV.split('\n');
    const earlier = [`${lines[0]},${ours.join(',')},Checked by`, ...lines.slice(1).map((l, i) => `${l},${',old'.repeat(ours.length).slice(1)},RN ${i + 1}`)];
    fs.writeFileSync(path.join(dir, 'earlier.csv'), `${earlier.join('\n')}\n`);
    expect(run(['code', 'earlier.csv', '-q'], dir).code).toBe(0);
    const sheet = (await load(path.join(dir, 'earlier.coded.xlsx'))).worksheets[0];
    const c = headerColumns(sheet, 1);
    const checked = c.get('Checked by')!;
    expect(c.get('IC CPT')).toBe(10); // the block stays where the earlier copy had it
    expect(checked).toBe(10 + ours.length);
    expect([2, 3, 4, 5].map((r) => sheet.getRow(r).getCell(checked).value)).toEqual(['RN 1', 'RN 2', 'RN 3', 'RN 4']);
    expect(c.get('IC Flags')).toBe(checked + 1);
    expect(sheet.autoFilter).toBe(`A1:${sheet.getColumn(checked + 1).letter}5`);
    expect(shownFill(sheet, 4, c.get('Stop')!)).toBe(FILL_ARGB.error);
    // and a re-run finds the flags there again: the same bytes
    expect(run(['code', 'earlier.coded.xlsx', '--out', 'earlier.again.xlsx', '-q'], dir).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'earlier.again.xlsx')).equals(fs.readFileSync(path.join(dir, 'earlier.coded.xlsx')))).toBe(true);
  });
});

/** The sample's header for a field (the JSON's mapping, fixed for the sample). */
function findingsHeader(field: string): string {
  const headers: Record<string, string> = {
    stop: 'Stop Time', start: 'Start Time', necessity: 'Medical Necessity', diagnosis: 'ICD10 Code', drug: 'Drug/Solution',
    dose: 'Dose', waste: 'Waste', route: 'Admin Route', date: 'Date of Service', setting: 'Place of Service', site: 'IV Site',
    payer: 'Payer', purpose: 'Infusion Type', encounter: 'Visit #', patient: 'MRN', primary: 'Primary', ndc: 'NDC',
  };
  return headers[field] ?? 'IC Findings';
}

function sameCell(a: { field: string | null }, b: { field: string | null }): boolean {
  return findingsHeader(a.field ?? '') === findingsHeader(b.field ?? '');
}
