/**
 * The command-line report opens in LibreOffice Calc: `soffice --headless --convert-to csv` writes each sheet
 * of the report as CSV (filter option 12 = -1, LibreOffice 7.2+), and the totals Calc read match the coding.
 * Without soffice (Debian libreoffice-calc; .ci/run installs it) the test says so and is skipped, or fails in CI.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseCsv } from '../../src/cli/csv';
import { ensureBuilt, run, tempDir } from '../cli/helpers';
import { describeWithTool, findCommand } from '../tools';

const SAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'infusions.xlsx');

const soffice = findCommand('soffice', 'libreoffice');
const describeCalc = describeWithTool('LibreOffice (soffice)', soffice !== null, 'apt-get install libreoffice-calc; .ci/run installs it');

describeCalc('the command-line report in LibreOffice Calc', () => {
  let dir: string;
  let sheets: Map<string, string[][]>;
  let coded: { cpt: number; hcpcs: number; lines: number; rows: number };

  beforeAll(() => {
    ensureBuilt();
    dir = tempDir();
    fs.copyFileSync(SAMPLE, path.join(dir, 'infusions.xlsx'));
    const doc = JSON.parse(run(['code', 'infusions.xlsx', '--json'], dir).stdout) as { rows: { cpt: { units: number }[]; hcpcs: { units: number }[] }[] };
    coded = { cpt: 0, hcpcs: 0, lines: 0, rows: doc.rows.length };
    for (const r of doc.rows) {
      for (const l of r.cpt) (coded.cpt += l.units), (coded.lines += 1);
      for (const l of r.hcpcs) (coded.hcpcs += l.units), (coded.lines += 1);
    }
    const made = run(['report', 'infusions.xlsx', '--out', 'report.xlsx', '-q'], dir);
    expect(made.code).toBe(0);

    // UTF-8 (76), comma-separated, quoted text, every sheet to its own file (token 12 = -1).
    const filter = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1';
    const lo = spawnSync(
      soffice!,
      [`-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--headless', '--convert-to', filter, '--outdir', path.join(dir, 'csv'), path.join(dir, 'report.xlsx')],
      { encoding: 'utf8', timeout: 240_000 },
    );
    if (lo.status !== 0) throw new Error(`soffice failed (${lo.status}): ${lo.stderr}`);
    sheets = new Map();
    for (const f of fs.readdirSync(path.join(dir, 'csv'))) {
      const m = /^report-(.+)\.csv$/.exec(f);
      if (m) sheets.set(m[1], parseCsv(fs.readFileSync(path.join(dir, 'csv', f), 'utf8'), ','));
    }
    if (!sheets.has('Claim Lines')) {
      throw new Error(`soffice wrote no per-sheet CSV files (needs LibreOffice 7.2 or later): ${fs.readdirSync(path.join(dir, 'csv')).join(', ')}`);
    }
  }, 300_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const rowsOf = (name: string) => sheets.get(name)!.filter((r) => r.some((c) => c !== ''));

  it('opens every report sheet', () => {
    expect([...sheets.keys()].sort()).toEqual(
      ['Claim Lines', 'Documentation Quality', 'Expected Payment', 'Infusion Report', 'Units by Drug', 'Units by Month', 'Units by Provider', 'Units by Setting'],
    );
  });

  it("Claim Lines: one row per code line, units equal to the coded rows'", () => {
    const [header, ...lines] = rowsOf('Claim Lines');
    expect(header).toEqual(['Encounter', 'Patient', 'Date', 'Month', 'Setting', 'Payer', 'Provider', 'Nurse', 'Code', 'Kind', 'Units', 'Modifiers', 'Drug', 'Row', 'Amount', 'Revenue Code', 'NDC Line', 'Claim Form', 'At Risk']);
    expect(lines).toHaveLength(coded.lines);
    const units = (kind: string) => lines.filter((l) => l[9] === kind).reduce((s, l) => s + Number(l[10]), 0);
    expect(units('CPT')).toBe(coded.cpt);
    expect(units('HCPCS')).toBe(coded.hcpcs);
    // Calc shows the dates as dates and keeps codes and months as text.
    expect(lines.every((l) => /^\d{4}-\d{2}-\d{2}$/.test(l[2]) && l[3] === l[2].slice(0, 7))).toBe(true);
    expect(lines.filter((l) => l[9] === 'CPT').every((l) => /^\d{5}$/.test(l[8]))).toBe(true);
  });

  it('summary sheets add units per code and per drug, never across them', () => {
    const total = (name: string) => rowsOf(name).find((r) => r[0] === 'Total')!;
    const month = rowsOf('Units by Month');
    const monthHeader = month.find((r) => r[0] === 'Month')!;
    const perCode = monthHeader.slice(1).filter((h) => h !== '').map((_, i) => Number(total('Units by Month')[i + 1]));
    expect(perCode.reduce((s, n) => s + n, 0)).toBe(coded.cpt);
    expect(monthHeader.some((h) => /total/i.test(h))).toBe(false);
    const drugs = rowsOf('Units by Drug');
    const drugHeader = drugs.find((r) => r[0] === 'HCPCS')!;
    expect(total('Units by Drug')[drugHeader.indexOf('Units')]).toBe('');
    const drugRows = drugs.slice(drugs.indexOf(drugHeader) + 1).filter((r) => /^[A-Z]\d{4}$/.test(r[0]));
    expect(drugRows.reduce((s, r) => s + Number(r[drugHeader.indexOf('Units')]), 0)).toBe(coded.hcpcs);
    for (const name of ['Units by Provider', 'Units by Setting']) {
      const header = rowsOf(name)[1];
      expect(header.some((h) => /units/i.test(h))).toBe(false);
      expect(Number(total(name)[header.indexOf('Claim lines')])).toBe(coded.lines);
    }
  });

  it('Documentation Quality counts every row once per table', () => {
    const all = rowsOf('Documentation Quality').filter((r) => r[0] === 'All rows');
    expect(all).toHaveLength(3);
    for (const r of all) expect(Number(r[1])).toBe(coded.rows);
  });
});
