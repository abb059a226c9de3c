import { buildClaimLines } from '../../src/reports/claimLines';
import { buildReport, pivotSpecs, REPORT_SHEET_NAMES } from '../../src/reports/report';
import { findingTitle, presentFindingIds, qualityTable, rowQuality } from '../../src/reports/quality';
import type { ReportTable } from '../../src/reports/types';
import { fixtureResult, fixtureRows } from './fixture';

const col = (t: ReportTable, header: string): number => {
  const i = t.columns.findIndex((c) => c.header === header);
  if (i < 0) throw new Error(`no column ${header} in ${t.name}`);
  return i;
};
const rowOf = (t: ReportTable, label: string) => {
  const r = t.rows.find((x) => x[0] === label);
  if (!r) throw new Error(`no row ${label} in ${t.name}`);
  return r;
};

describe('claim lines', () => {
  const lines = buildClaimLines(fixtureRows, fixtureResult);

  it('has one line per derived code line, in row order, CPT before HCPCS', () => {
    expect(lines.map((l) => `${l.row}:${l.code}`)).toEqual([
      '2:96365', '2:96366', '2:J3370', '3:96375', '3:J2405', '3:J2405', '4:96360', '4:J7030',
    ]);
  });

  it('takes patient, provider and nurse from the row, setting and payer from the encounter', () => {
    const l = lines.find((x) => x.row === 3)!;
    expect(l).toMatchObject({ encounter: 'E1', patient: 'MRN1', provider: 'Dr A', nurse: 'RN Y', setting: 'facility', payer: 'Medicare' });
    const e2 = lines.find((x) => x.row === 4)!;
    // Blank provider on the row falls back to the encounter's provider; a number MRN becomes text.
    expect(e2).toMatchObject({ patient: '12345', provider: 'Dr B', nurse: 'RN X', setting: 'office', payer: '', month: '2026-02' });
  });

  it('writes kind, units, modifiers, drug, date and month', () => {
    expect(lines[2]).toMatchObject({ kind: 'HCPCS', code: 'J3370', units: 3, modifiers: 'JZ', drug: 'vancomycin', date: '2026-01-05', month: '2026-01' });
    expect(lines[6]).toMatchObject({ kind: 'CPT', code: '96360', drug: '' });
  });

  it("sums to the coded rows' units", () => {
    const rowUnits = fixtureResult.rows.flatMap((r) => [...r.cpt, ...r.hcpcs]).reduce((s, l) => s + l.units, 0);
    expect(lines.reduce((s, l) => s + l.units, 0)).toBe(rowUnits);
  });
});

describe('summaries', () => {
  const report = buildReport(fixtureRows, fixtureResult);

  it('units by month x CPT code', () => {
    const t = report.unitsByMonth;
    expect(t.columns.map((c) => c.header)).toEqual(['Month', '96360', '96365', '96366', '96375']);
    expect(t.rows).toEqual([
      ['2026-01', 0, 1, 1, 1],
      ['2026-02', 1, 0, 0, 0],
    ]);
    expect(t.totals).toEqual(['Total', 1, 1, 1, 1]);
  });

  it('units by drug/HCPCS, with the wasted JW units apart', () => {
    const t = report.unitsByDrug;
    expect(rowOf(t, 'J2405').slice(1)).toEqual(['ondansetron', 5, 1, 2, 1]);
    expect(t.totals).toEqual(['Total', '', null, null, 4, 2]); // lines and encounters; units never across drugs
  });

  it('units by provider and setting', () => {
    const p = report.unitsByProvider;
    expect(p.columns.map((c) => c.header)).toEqual(['Provider', 'Encounters', 'Claim lines', 'CPT lines', 'HCPCS lines']);
    expect(rowOf(p, 'Dr A').slice(1)).toEqual([1, 6, 3, 3]);
    expect(rowOf(p, 'Dr B').slice(1)).toEqual([1, 2, 1, 1]);
    expect(p.totals).toEqual(['Total', 2, 8, 4, 4]);
    const s = report.unitsBySetting;
    expect(s.rows.map((r) => r[0])).toEqual(['facility', 'office']);
  });

  it('volume points: CPT units per month and code', () => {
    expect(report.volume).toEqual([
      { month: '2026-01', code: '96365', units: 1 },
      { month: '2026-01', code: '96366', units: 1 },
      { month: '2026-01', code: '96375', units: 1 },
      { month: '2026-02', code: '96360', units: 1 },
    ]);
    expect(report.totals).toMatchObject({ rows: 4, encounters: 2, claimLines: 8, cptLines: 4, hcpcsLines: 4, errorRows: 2 });
  });

  it('pivots read claim-lines headers and always separate CPT from HCPCS', () => {
    const headers = report.claimTable.columns.map((c) => c.header);
    for (const p of pivotSpecs(report)) {
      for (const f of [...p.rows, ...p.columns, ...p.values]) expect(headers).toContain(f);
      expect([...p.rows, ...p.columns]).toContain('Kind');
    }
    expect(REPORT_SHEET_NAMES).toContain('Claim Lines');
  });
});

describe('documentation quality', () => {
  const q = rowQuality(fixtureRows, fixtureResult);

  it('lists the finding ids present, in RULES.md order', () => {
    expect(presentFindingIds(q)).toEqual(['unparseable-date', 'missing-necessity', 'missing-diagnosis', 'unknown-drug', 'missing-route']);
  });

  it('by nurse: share of rows with each finding; a row counts once per id', () => {
    const t = qualityTable(q, 'nurse');
    expect(t.rows.map((r) => r[0])).toEqual(['RN X', 'RN Y', '(blank)']);
    const x = rowOf(t, 'RN X');
    expect(x[col(t, 'Rows')]).toBe(2);
    expect(x[col(t, 'Any finding')]).toBe(0.5);
    expect(x[col(t, findingTitle('missing-route'))]).toBe(0.5);
    expect(x[col(t, 'Status Review')]).toBe(0.5);
    expect(rowOf(t, '(blank)')[col(t, findingTitle('unknown-drug'))]).toBe(1);
    expect(t.totals![col(t, findingTitle('unknown-drug'))]).toBe(0.25);
    expect(t.totals![col(t, 'Any finding')]).toBe(0.75);
    expect(t.totals![col(t, 'Status Error')]).toBe(0.5);
  });

  it('by provider falls back to the encounter provider; by month uses the row or encounter date', () => {
    const p = qualityTable(q, 'provider');
    expect(p.rows.map((r) => [r[0], r[1]])).toEqual([['Dr A', 2], ['Dr B', 2]]);
    const m = qualityTable(q, 'month');
    expect(m.rows.map((r) => [r[0], r[1]])).toEqual([['2026-01', 2], ['2026-02', 2]]);
    expect(rowOf(m, '2026-01')[col(m, findingTitle('missing-necessity'))]).toBe(0.5);
  });

  it('handles an empty result', () => {
    const r = buildReport([], { encounters: [], rows: [] });
    expect(r.claimLines).toEqual([]);
    expect(r.qualityByNurse.rows).toEqual([]);
    expect(r.qualityByNurse.totals![1]).toBe(0);
    expect(r.unitsByMonth.totals).toEqual(['Total']);
  });
});
