/**
 * The coded copy reads well: read back with exceljs, the sample's coded sheet has its header frozen, a
 * filter over the table, wrapped IC columns fitted to their content, every finding listed errors first,
 * red and amber cells with notes, coloured status cells, and a landscape one-page-wide print setup with
 * the header row repeated.
 */
import * as fs from 'fs';
import * as path from 'path';
import type ExcelJS from 'exceljs';
import { FILL_ARGB, NOTE_PREFIX } from '../../src/sheet/plan';
import { ROOT, ensureBuilt, headerColumns, load, noteText, run, tempDir } from './helpers';

interface JsonRow {
  row: number;
  status: string;
  explanation: string;
  findings: { id: string; severity: string; field: string | null; message: string }[];
}

let ws: ExcelJS.Worksheet;
let rows: JsonRow[];
let col: Map<string, number>;
const HEADER_ROW = 4;

beforeAll(async () => {
  ensureBuilt();
  const dir = tempDir();
  fs.copyFileSync(path.join(ROOT, 'examples', 'infusions.xlsx'), path.join(dir, 'infusions.xlsx'));
  expect(run(['code', 'infusions.xlsx', '-q'], dir).code).toBe(0);
  rows = (JSON.parse(run(['code', 'infusions.xlsx', '--json'], dir).stdout) as { rows: JsonRow[] }).rows;
  ws = (await load(path.join(dir, 'infusions.coded.xlsx'))).getWorksheet('Infusion Log')!;
  col = headerColumns(ws, HEADER_ROW);
});

const argb = (cell: ExcelJS.Cell) => ((cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb ?? '').toUpperCase();

describe('the coded copy of the sample', () => {
  it('freezes the header row and puts a filter over the whole table', () => {
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: HEADER_ROW });
    const lastColumn = Math.max(...col.values());
    const letters = ws.getColumn(lastColumn).letter;
    const lastRow = Math.max(...rows.map((r) => r.row));
    expect(ws.autoFilter).toBe(`A${HEADER_ROW}:${letters}${lastRow}`);
  });

  it('wraps the IC columns at widths that fit their content', () => {
    for (const header of ['IC CPT', 'IC HCPCS', 'IC Status', 'IC Findings', 'IC Explanation']) {
      const c = col.get(header)!;
      expect([header, ws.getRow(HEADER_ROW).getCell(c).alignment?.wrapText]).toEqual([header, true]);
      let longest = header.length;
      ws.getColumn(c).eachCell((cell, r) => {
        if (r > HEADER_ROW) for (const line of String(cell.value ?? '').split('\n')) longest = Math.max(longest, line.length);
      });
      const width = ws.getColumn(c).width!;
      expect(width).toBeGreaterThanOrEqual(Math.min(longest, 60));
      expect(width).toBeLessThanOrEqual(Math.max(longest + 4, 12));
    }
    expect(ws.getColumn(col.get('IC Status')!).width).toBeLessThan(ws.getColumn(col.get('IC Findings')!).width!);
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

  it('fills cells behind errors light red and behind warnings light amber, each with its note', () => {
    let errors = 0;
    let warnings = 0;
    for (const r of rows) {
      for (const f of r.findings) {
        if (f.severity === 'info') continue;
        const header = f.field ? [...col.entries()].find(([h]) => h === findingsHeader(f.field!))?.[0] : undefined;
        const cell = ws.getRow(r.row).getCell(col.get(header ?? 'IC Findings')!);
        const worst = r.findings.some((g) => g.severity === 'error' && sameCell(g, f)) ? 'error' : 'warning';
        expect([r.row, f.id, argb(cell)]).toEqual([r.row, f.id, FILL_ARGB[worst]]);
        expect(noteText(cell.note).startsWith(NOTE_PREFIX)).toBe(true);
        expect(noteText(cell.note)).toContain(f.message);
        if (f.severity === 'error') errors++;
        else warnings++;
      }
    }
    expect(errors).toBeGreaterThan(0);
    expect(warnings).toBeGreaterThan(0);
  });

  it('colours each status cell with its row colour', () => {
    for (const r of rows) {
      const cell = ws.getRow(r.row).getCell(col.get('IC Status')!);
      expect(cell.value).toBe(r.status);
      const expected = r.status === 'Error' ? FILL_ARGB.error : r.status === 'Review' ? FILL_ARGB.warning : '';
      expect([r.row, argb(cell)]).toEqual([r.row, expected]);
    }
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

/** The sample's header for a field (the JSON's mapping, fixed for the sample). */
function findingsHeader(field: string): string {
  const headers: Record<string, string> = {
    stop: 'Stop Time', start: 'Start Time', necessity: 'Medical Necessity', diagnosis: 'ICD10 Code', drug: 'Drug/Solution',
    dose: 'Dose', waste: 'Waste', route: 'Admin Route', date: 'Date of Service', setting: 'Place of Service', site: 'IV Site',
    payer: 'Payer', purpose: 'Infusion Type', encounter: 'Visit #', patient: 'MRN', primary: 'Primary',
  };
  return headers[field] ?? 'IC Findings';
}

function sameCell(a: { field: string | null }, b: { field: string | null }): boolean {
  return findingsHeader(a.field ?? '') === findingsHeader(b.field ?? '');
}
