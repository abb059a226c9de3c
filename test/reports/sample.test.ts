/**
 * The report's pure tables on the sample workbook (examples/infusions.xlsx), coded by the real engine:
 * claim-line units equal the coded rows' units, code by code; quality shares add up to the findings.
 */
import * as fs from 'fs';
import * as path from 'path';
import { gridOfWorksheet, openInput } from '../../src/cli/workbookFile';
import { buildReport, label, TOTAL } from '../../src/reports';
import { findingTitle, presentFindingIds, rowQuality } from '../../src/reports/quality';
import { codeRows } from '../../src/rules';
import type { CodingResult, InputRow } from '../../src/rules/types';
import { detectTable } from '../../src/sheet/headers';
import { readRows } from '../../src/sheet/rows';

const SAMPLE = path.resolve(__dirname, '..', '..', 'examples', 'infusions.xlsx');

let rows: InputRow[];
let result: CodingResult;

beforeAll(async () => {
  if (!fs.existsSync(SAMPLE)) throw new Error(`the sample workbook ${SAMPLE} is missing (npm run sample makes it)`);
  const src = await openInput(SAMPLE);
  const ws = src.workbook!.worksheets.find((w) => detectTable(gridOfWorksheet(w)))!;
  const grid = gridOfWorksheet(ws);
  rows = readRows(grid, detectTable(grid)!);
  result = codeRows(rows);
});

const unitsByCode = (lines: { code: string; units: number; modifiers: string[] | string }[]) => {
  const m = new Map<string, number>();
  for (const l of lines) {
    const mods = Array.isArray(l.modifiers) ? l.modifiers.join('; ') : l.modifiers;
    const k = `${l.code}|${mods}`;
    m.set(k, (m.get(k) ?? 0) + l.units);
  }
  return m;
};

describe('claim lines of the sample workbook', () => {
  it('is a real sample: 200+ rows, dozens of encounters, codes of both kinds', () => {
    expect(rows.length).toBeGreaterThanOrEqual(200);
    expect(result.encounters.length).toBeGreaterThanOrEqual(40);
    const report = buildReport(rows, result);
    expect(report.totals.cptLines).toBeGreaterThan(0);
    expect(report.totals.hcpcsLines).toBeGreaterThan(0);
  });

  it("units equal the coded rows' units, in total and per code and modifiers", () => {
    const report = buildReport(rows, result);
    const rowLines = result.rows.flatMap((r) => [...r.cpt, ...r.hcpcs]);
    expect(report.claimLines).toHaveLength(rowLines.length);
    expect(report.claimLines.reduce((s, l) => s + l.units, 0)).toBe(rowLines.reduce((s, l) => s + l.units, 0));
    expect(unitsByCode(report.claimLines)).toEqual(unitsByCode(rowLines));
    // ...and the encounters' merged claim (the same units, summed per code and modifiers).
    const encounterLines = result.encounters.flatMap((e) => [...e.cpt, ...e.hcpcs]);
    expect(unitsByCode(report.claimLines)).toEqual(unitsByCode(encounterLines));
  });

  it('takes encounter, setting and payer from the encounter, patient/provider/nurse from the row', () => {
    const report = buildReport(rows, result);
    const byRow = new Map(rows.map((r) => [r.row, r]));
    const encounters = new Map(result.encounters.map((e) => [e.id, e]));
    for (const l of report.claimLines) {
      const input = byRow.get(l.row)!;
      const enc = encounters.get(l.encounter)!;
      expect(enc.rows).toContain(l.row);
      expect(l.setting).toBe(enc.setting);
      expect(l.payer).toBe(enc.payer ?? '');
      expect(l.nurse).toBe(label(input.values.nurse));
      if (label(input.values.patient)) expect(l.patient).toBe(label(input.values.patient));
      if (label(input.values.provider)) expect(l.provider).toBe(label(input.values.provider));
      expect(l.month).toBe(l.date ? l.date.slice(0, 7) : null);
      expect(l.kind === 'CPT').toBe(/^\d{5}$/.test(l.code));
    }
    expect(new Set(report.claimLines.map((l) => l.setting)).size).toBe(2);
  });

  it('summaries add units per code and per drug only, and agree with the claim lines', () => {
    const r = buildReport(rows, result);
    const unitsOf = (pred: (l: (typeof r.claimLines)[number]) => boolean) => r.claimLines.filter(pred).reduce((s, l) => s + l.units, 0);
    expect(r.unitsByMonth.totals![0]).toBe(TOTAL);
    r.unitsByMonth.columns.slice(1).forEach((c, i) => {
      expect(r.unitsByMonth.totals![i + 1]).toBe(unitsOf((l) => l.kind === 'CPT' && l.code === c.header));
    });
    const col = (t: typeof r.unitsByDrug, h: string) => t.columns.findIndex((c) => c.header === h);
    const drugs = r.unitsByDrug;
    expect(drugs.totals![col(drugs, 'Units')]).toBeNull(); // units of different drugs never add up
    expect(drugs.totals![col(drugs, 'Wasted units (JW)')]).toBeNull();
    expect(drugs.totals![col(drugs, 'Lines')]).toBe(r.totals.hcpcsLines);
    expect(drugs.rows.reduce((s, x) => s + (x[col(drugs, 'Units')] as number), 0)).toBe(unitsOf((l) => l.kind === 'HCPCS'));
    for (const t of [r.unitsByProvider, r.unitsBySetting]) {
      expect(t.columns.some((c) => /units/i.test(c.header))).toBe(false);
      expect(t.totals![col(t, 'CPT lines')]).toBe(r.totals.cptLines);
      expect(t.totals![col(t, 'HCPCS lines')]).toBe(r.totals.hcpcsLines);
      expect(t.rows.reduce((s, x) => s + (x[col(t, 'Claim lines')] as number), 0)).toBe(r.claimLines.length);
    }
    expect(r.volume.reduce((s, p) => s + p.units, 0)).toBe(unitsOf((l) => l.kind === 'CPT'));
  });
});

describe('documentation quality of the sample workbook', () => {
  it('shares are the rows carrying each finding id, over all rows and within each group', () => {
    const r = buildReport(rows, result);
    const n = result.rows.length;
    for (const table of [r.qualityByNurse, r.qualityByProvider, r.qualityByMonth]) {
      const headers = table.columns.map((c) => c.header);
      expect(table.totals![1]).toBe(n);
      expect(table.rows.reduce((s, x) => s + (x[1] as number), 0)).toBe(n);
      const ids = presentFindingIds(rowQuality(rows, result));
      expect(headers.slice(5)).toEqual(ids.map(findingTitle));
      for (const id of ids) {
        const i = headers.indexOf(findingTitle(id));
        const carrying = result.rows.filter((x) => x.findings.some((f) => f.id === id)).length;
        expect(table.totals![i]).toBeCloseTo(carrying / n, 12);
        // Group shares weighted by group size add back up to the rows carrying the id.
        expect(table.rows.reduce((s, x) => s + (x[1] as number) * (x[i] as number), 0)).toBeCloseTo(carrying, 9);
      }
      const errors = result.rows.filter((x) => x.status === 'Error').length;
      expect(table.totals![3]).toBeCloseTo(errors / n, 12);
    }
  });

  it('lists the documentation gaps the sample was made with', () => {
    const titles = buildReport(rows, result).qualityByNurse.columns.map((c) => c.header);
    expect(titles).toEqual(expect.arrayContaining(['Missing stop time', 'Missing medical-necessity note']));
    expect(titles.some((t) => /^[a-z]+(-[a-z0-9]+)+$/.test(t))).toBe(false); // titles, not finding ids
  });
});
