/**
 * The coded copy reads well: read back with exceljs, every finding of a row is listed errors first, and a
 * merged drug line's other rows say where it was counted. (The plan's layout — frozen header, filter,
 * fitted widths, print setup — is applied by the add-in, test/excel/layout.test.ts; the command line's
 * package patcher does not apply it yet.)
 */
import * as fs from 'fs';
import * as path from 'path';
import type ExcelJS from 'exceljs';
import { ROOT, ensureBuilt, headerColumns, load, run, tempDir } from './helpers';

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


describe('the coded copy of the sample', () => {
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

  it('says on a merged drug line’s other rows where it was counted, and puts each sentence on its own line', () => {
    const explanations = rows.map((r) => String(ws.getRow(r.row).getCell(col.get('IC Explanation')!).value ?? ''));
    expect(explanations.some((e) => /^Counted in J\d{4}(-[A-Z0-9]+)*( x\d+)? on row \d+\.$/m.test(e))).toBe(true);
    const multi = explanations.find((e) => /^96365: .*\n96366/.test(e));
    expect(multi).toBeDefined();
    for (const e of explanations) for (const line of e.split('\n')) expect(line).toMatch(/^(\d{5}|[A-Z]\d{4}|J[WZ]|Counted in|No administration code)[^\n]*\.$/);
  });

});

