/**
 * What the review of one day's changes found those changes doing wrong, each pinned: a duration, appointment or
 * `Complete` header read where it is none, drug-name guesses lost, methylprednisolone off IV, high-osmolar contrast,
 * a bag billed twice or as the wrong solution, a co-formulation's administration, an order's next dose joined to it.
 */
import { codeRows } from '../../src/rules';
import type { InputRow } from '../../src/rules';
import { detectTable } from '../../src/sheet/headers';
import { readRows } from '../../src/sheet/rows';
import type { Grid } from '../../src/sheet/types';

const base = { date: '2026-03-02', setting: 'facility', diagnosis: 'N39.0', necessity: 'documented need', site: 'L forearm' };
type Values = InputRow['values'];

function encounters(rows: Values[]) {
  const result = codeRows(rows.map((values, i) => ({ row: i + 2, values: { ...base, ...values } })));
  const line = (c: { code: string; units: number; modifiers: string[] }) => `${c.code}${c.modifiers.length ? `-${c.modifiers.join('-')}` : ''} x${c.units}`;
  return result.encounters.map((e) => ({
    id: e.id,
    cpt: e.cpt.map(line),
    hcpcs: e.hcpcs.map(line),
    findings: e.findings.map((f) => f.id),
  }));
}

function sheet(values: Grid['values']) {
  const grid: Grid = { firstRow: 1, firstColumn: 1, values };
  const table = detectTable(grid);
  if (!table) throw new Error('no table');
  return { table, rows: readRows(grid, table) };
}

describe('headers that are no duration, visit or stop', () => {
  it.each(['Length of IV (cm)', 'Duration of therapy (days)', 'Wait Time (min)', 'Visit Duration (min)', 'Chair Time (min)', 'Catheter Length'])(
    '`%s` never gives a stop',
    (header) => {
      const { rows } = sheet([
        ['Encounter', 'Drug', 'Dose', 'Route', 'Start', 'Stop', header],
        ['E1', 'ceftriaxone', '1 g', 'IV infusion', '09:00', null, 20],
      ]);
      expect(rows[0].values.stop).toBeNull();
    },
  );
  it('`Infusion Length (min)` and `Duration (min)` still do', () => {
    for (const header of ['Infusion Length (min)', 'Duration (min)']) {
      const { rows } = sheet([
        ['Encounter', 'Drug', 'Dose', 'Route', 'Start', 'Stop', header],
        ['E1', 'ceftriaxone', '1 g', 'IV infusion', '09:00', null, 20],
      ]);
      expect(rows[0].values.stop).toBe('09:20');
    }
  });
  it('an `Appointment` of booked date-times is not the visit, and `Complete` (Y/N) is not the stop', () => {
    const { table } = sheet([
      ['MRN', 'Appointment', 'Drug', 'Start', 'Complete'],
      ['M1', '03/02/2026 09:00', 'ondansetron', '09:05', 'Y'],
    ]);
    expect(table.mapping.encounter).toBeUndefined();
    expect(table.mapping.stop).toBeUndefined();
    expect(sheet([['Appt ID', 'Drug', 'Start', 'Time Complete'], ['A1', 'NS', '09:00', '10:00']]).table.mapping).toMatchObject({ encounter: 1, stop: 4 });
  });
});

describe('drug names', () => {
  it('keeps the guesses a slip in a short word, swapped first letters or `ph` written `f` make', () => {
    const found = encounters([
      { encounter: 'E1', drug: 'zoledronic aicd', dose: '4 mg', route: 'IV infusion', start: '09:00', stop: '09:20' },
      { encounter: 'E2', drug: 'Fenergan', dose: '12.5 mg', route: 'IV push', start: '09:00' },
      { encounter: 'E3', drug: 'nab-apclitaxel', dose: '100 mg', route: 'IV infusion', purpose: 'chemotherapy', start: '09:00', stop: '09:40', diagnosis: 'C50.911' },
      { encounter: 'E4', drug: 'Hep-Lok', dose: '500 units', route: 'port flush', purpose: 'flush', start: '09:00', site: 'port' },
    ]);
    expect(found.map((e) => e.hcpcs)).toEqual([['J3489 x4'], ['J2550 x1'], ['J9264 x100'], ['J1642 x50']]);
    for (const e of found) expect(e.findings).toContain('drug-name-guess');
  });
  it('still never guesses another antibody of the same stem, or vitamin K for vitamin D', () => {
    const found = encounters([
      { encounter: 'E1', drug: 'gemtuzumab', dose: '3 mg', route: 'IV infusion', purpose: 'chemotherapy', start: '09:00', stop: '11:00' },
      { encounter: 'E2', drug: 'vitamin D', dose: '1000 units', route: 'IM', start: '09:00' },
    ]);
    expect(found.map((e) => e.hcpcs)).toEqual([[], []]);
  });
  it('reads bare methylprednisolone IM or into a joint as the acetate (a guess), and IV as no catalog drug', () => {
    const found = encounters([
      { encounter: 'E1', setting: 'office', drug: 'methylprednisolone', dose: '80 mg', route: 'IM', start: '09:00' },
      { encounter: 'E2', drug: 'methylprednisolone', dose: '125 mg', route: 'IV push', start: '09:00' },
    ]);
    expect(found[0].hcpcs).toEqual(['J1010 x80']);
    expect(found[0].findings).toContain('drug-name-guess');
    expect(found[1].hcpcs).toEqual([]);
    expect(found[1].findings).toContain('unknown-drug');
  });
  it('never reads high-osmolar contrast as low-osmolar', () => {
    expect(encounters([{ encounter: 'E1', drug: 'high osmolar contrast 300-399 mg/mL', dose: '100 mL', route: 'IV push', start: '09:00' }])[0].hcpcs).toEqual([]);
  });
  it('administers another product of a complex drug as complex, with no HCPCS line of the parent', () => {
    const found = encounters([
      { encounter: 'E1', drug: 'Darzalex Faspro', dose: '1800 mg', route: 'SQ', start: '09:00', diagnosis: 'C90.00' },
      { encounter: 'E2', drug: 'trastuzumab deruxtecan', dose: '400 mg', route: 'IV infusion', start: '09:00', stop: '10:30', diagnosis: 'C50.911' },
    ]);
    expect(found.map((e) => [e.cpt, e.hcpcs])).toEqual([
      [['96401 x1'], []],
      [['96413 x1'], []],
    ]);
  });
});

describe('bags named in the drug cell', () => {
  it('are listed once beside a row of their own, and as the solution the name states', () => {
    const found = encounters([
      { encounter: 'E1', drug: 'vancomycin 1 g in NS 250 mL', dose: '1 g', route: 'IV infusion', start: '09:00', stop: '10:30' },
      { encounter: 'E1', drug: 'NS 250 mL', dose: '250 mL', route: 'IV infusion', purpose: 'diluent', start: '09:00', stop: '10:30' },
      { encounter: 'E2', drug: 'heparin 25000 units/250 mL D5W', dose: '6000 units', route: 'IV infusion', start: '09:00', stop: '10:30' },
    ]);
    expect(found.map((e) => e.hcpcs)).toEqual([['J3370 x2', 'J7050 x1'], ['J1644 x6', 'J7060 x1']]);
  });
});

describe('segments of one order', () => {
  it('are one bag only when restarted within the hour: a dose three hours later is the next push', () => {
    const dose = { drug: 'ondansetron', route: 'IV', order: 'O1' };
    const found = encounters([
      { encounter: 'E1', ...dose, dose: '4 mg', start: '09:00', stop: '09:10' },
      { encounter: 'E1', ...dose, start: '12:00', stop: '12:10' },
    ]);
    expect(found[0].cpt).not.toContain('96365 x1');
  });
});

describe('the second review', () => {
  it('carries a visit down only within its date, and reads `Dia` as no date', () => {
    const { rows } = sheet([
      ['Encounter', 'MRN', 'Date', 'Drug', 'Start', 'Sys', 'Dia'],
      ['E1', 'P1', '03/02/2026', 'normal saline', '08:00', 120, 80],
      [null, 'P1', '03/02/2026', 'ondansetron', '09:00', 118, 76],
      [null, 'P1', '03/05/2026', 'ondansetron', '09:00', 118, 76],
    ]);
    expect(rows.map((r) => r.values.encounter)).toEqual(['E1', 'E1', null]);
    expect(rows[0].values.date).toBe('03/02/2026');
  });
  it('reads `Appt Num` and `Infusion Complete Time`; a `Treatment Time (min)` (a visit\'s, often) and a yes/no `Infusion Complete` give no stop', () => {
    const { table } = sheet([
      ['Appt Num', 'Drug', 'Infusion Start', 'Infusion Complete Time', 'Treatment Time (min)'],
      ['A1', 'NS', '09:00', '10:00', 60],
    ]);
    expect(table.mapping).toMatchObject({ encounter: 1, start: 3, stop: 4 });
    const { rows } = sheet([
      ['Encounter', 'Drug', 'Start', 'Treatment Time (min)', 'Infusion Complete'],
      ['E1', 'NS', '09:00', 45, 'Y'],
    ]);
    expect(rows[0].values.stop).toBeUndefined();
  });
  it('keeps `Effective Start` / `Effective End` as times, and an ADMIN_ time over an encounter\'s begin or a chart event', () => {
    expect(sheet([['Encounter', 'Drug', 'Effective Start', 'Effective End'], ['E1', 'NS', '09:00', '10:00']]).table.mapping).toMatchObject({ start: 3, stop: 4 });
    const { table } = sheet([
      ['FIN', 'ORDER_MNEMONIC', 'ENCNTR_BEG_DT_TM', 'BEG_EFFECTIVE_DT_TM', 'Scheduled Start', 'EVENT_START_DT_TM', 'ADMIN_START_DT_TM'],
      ['E1', 'NS', '08:00', '01/01/2000', '08:30', '09:00', '09:00'],
    ]);
    expect(table.mapping.start).toBe(7);
  });
  it('takes a `Push` type on a bare IV route as a push whatever its times', () => {
    const found = encounters([{ encounter: 'E1', drug: 'ondansetron', dose: '4 mg', route: 'IV', purpose: 'Push', start: '09:00', stop: '09:20' }]);
    expect(found[0].cpt).toEqual(['96374 x1']);
  });
  it('reads an `Injection` on a bare IV route that ran 40 minutes as an infusion', () => {
    const found = encounters([{ encounter: 'E1', drug: 'ceftriaxone', dose: '1 g', route: 'IV', purpose: 'Injection', start: '09:00', stop: '09:40' }]);
    expect(found[0].cpt).toEqual(['96365 x1']);
  });
  it('reads methylprednisolone into soft tissue or the epidural space as the acetate', () => {
    const found = encounters([
      { encounter: 'E1', setting: 'office', drug: 'methylprednisolone', dose: '40 mg', route: 'Soft tissue', start: '09:00' },
      { encounter: 'E2', setting: 'office', drug: 'methylprednisolone', dose: '80 mg', route: 'Epidural', start: '09:00' },
    ]);
    expect(found.map((e) => e.hcpcs)).toEqual([['J1010 x40'], ['J1010 x80']]);
  });
  it('never reads methylprednisolone succinate, or one by an unread route, as the acetate', () => {
    const found = encounters([
      { encounter: 'E1', drug: 'methylprednisolone sodium succinate', dose: '125 mg', route: 'IM', start: '09:00' },
      { encounter: 'E2', drug: 'methylprednisolone', dose: '125 mg', route: 'CVC', start: '09:00' },
    ]);
    expect(found.map((e) => e.hcpcs)).toEqual([[], []]);
  });
  it('lists a drug\'s bag once beside its own row hung two minutes apart', () => {
    const found = encounters([
      { encounter: 'E1', drug: 'NS 250 mL', dose: '250 mL', route: 'IV infusion', purpose: 'diluent', start: '09:00', stop: '10:00' },
      { encounter: 'E1', drug: 'vancomycin 1 g in NS 250 mL', dose: '1 g', route: 'IV infusion', start: '09:02', stop: '10:00' },
    ]);
    expect(found[0].hcpcs.filter((h) => h.startsWith('J7050'))).toEqual(['J7050 x1']);
  });
  it('lists a second bag hung at another time beside a bag of the same volume', () => {
    const found = encounters([
      { encounter: 'E1', drug: 'normal saline 1000 mL', dose: '1000 mL', route: 'IV', start: '08:00', stop: '12:00' },
      { encounter: 'E1', drug: 'potassium chloride 20 mEq in NS 1000 mL', dose: '20 mEq', route: 'IV', start: '09:00', stop: '13:00' },
    ]);
    expect(found[0].hcpcs).toContain('J7030 x2');
  });
  it('splits a range written with seconds, and takes one date past the 12th in a US sheet for a typo', () => {
    const { rows } = sheet([
      ['Encounter', 'Drug', 'Start/Stop', 'Date'],
      ['E1', 'ceftriaxone', '2026-03-02 09:00:00-09:40', '03/02/2026'],
      ['E2', 'ceftriaxone', '09:00-09:40', '13/05/2026'],
    ]);
    expect(rows[0].values.stop).toBe('09:40');
    expect(rows[0].values.date).toBe('03/02/2026');
  });
});
