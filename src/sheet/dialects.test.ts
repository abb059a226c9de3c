/**
 * Header and cell dialects of real flat sheets that must code as the canonical layout does (examples.json S09,
 * S11, S17, S30, S47, S41): one cell holding both times, a duration instead of a stop, a two-row header whose
 * other headers stand only in its upper row, an AM/PM column, an appointment as the visit, and value spellings
 * (`IV Injection`, `Vitamin B-12`, payer `MCR`).
 */
import { detectTable } from './headers';
import { readRows, splitTimeRange } from './rows';
import { codedSheet as coded, gridOf as grid } from '../../test/sheetCoding';

const VANCO_91 = { S09: '96365 x1; 96366 x1 | J3370 x4' };

describe('one cell holding the start and the stop', () => {
  it('splits `09:00-10:31` under `Start/Stop`, and a push keeps its lone time as its start', () => {
    const out = coded([
      ['Encounter', 'Drug', 'Dose', 'Route', 'Purpose', 'Date', 'Start/Stop', 'Diagnosis', 'Necessity'],
      ['S09', 'vancomycin', '1.75 g', 'IV infusion', 'therapeutic', '2026-03-02', '09:00-10:31', 'A41.9', 'Sepsis'],
      ['S30', 'ondansetron', '4 mg', 'IV push', 'therapeutic', '2026-03-02', '14:00', 'G43.909', 'Migraine, vomiting'],
    ]);
    expect(out.codes).toEqual({ ...VANCO_91, S30: '96374 x1 | J2405 x4' });
    expect(out.findings).toEqual([]);
  });

  it('reads `Time In/Out` ranges of 12-hour times and dated ranges', () => {
    expect(splitTimeRange('9:00 AM - 10:31 AM')).toEqual(['9:00 AM', '10:31 AM']);
    expect(splitTimeRange('03/02/2026 23:00 to 02:00')).toEqual(['03/02/2026 23:00', '02:00']);
    expect(splitTimeRange('0900\u20131031')).toEqual(['0900', '1031']);
    // A date, a date-time and a dose range are no time ranges.
    for (const v of ['2026-03-02', '2026-03-02 09:30', '2-4 mg', '9-10']) expect(splitTimeRange(v)).toBeNull();
    const out = coded([
      ['Encounter', 'Drug', 'Dose', 'Route', 'Purpose', 'Date', 'Time In/Out', 'Diagnosis', 'Necessity'],
      ['S09', 'vancomycin', '1.75 g', 'IV infusion', 'therapeutic', '2026-03-02', '9:00 AM - 10:31 AM', 'A41.9', 'Sepsis'],
    ]);
    expect(out.codes).toEqual(VANCO_91);
  });
});

describe('a documented duration instead of a stop', () => {
  it.each([
    ['Duration (min)', 91],
    ['Duration (hrs)', 91 / 60],
    ['Infusion Duration', '1:31'],
    ['Run Time', '91 min'],
    ['Duration', 91 / 1440], // an Excel [h]:mm cell
  ])('%s = %p times the infusion', (header, value) => {
    const out = coded([
      ['Encounter', 'Drug', 'Dose', 'Route', 'Purpose', 'Date', 'Start Time', header, 'Diagnosis', 'Necessity'],
      ['S09', 'vancomycin', '1.75 g', 'IV infusion', 'therapeutic', '2026-03-02', '09:00', value, 'A41.9', 'Sepsis'],
    ]);
    expect(out.codes).toEqual(VANCO_91);
    expect(out.findings).toEqual([]);
  });

  it('crosses midnight on the row date, and a stop in its own column still wins', () => {
    const g = grid([
      ['Encounter', 'Drug', 'Dose', 'Route', 'Purpose', 'Date', 'Start', 'Stop', 'Length (min)', 'Diagnosis', 'Necessity'],
      ['S17', 'normal saline', '1000 mL', 'IV infusion', 'hydration', '2026-03-02', '23:00', null, 180, 'E86.0', 'Dehydration'],
      ['S18', 'normal saline', '1000 mL', 'IV infusion', 'hydration', '2026-03-02', '10:00', '11:00', 600, 'E86.0', 'Dehydration'],
    ]);
    const rows = readRows(g, detectTable(g)!);
    expect(rows.map((r) => r.values.stop)).toEqual(['2026-03-03 02:00', '11:00']);
    expect(rows[0].columns?.stop).toBe('Stop');
  });

  it('is never a length of stay', () => {
    const g = grid([
      ['Encounter', 'Drug', 'Start', 'Length of Stay'],
      ['E1', 'NS', '10:00', 3],
    ]);
    expect(readRows(g, detectTable(g)!)[0].values.stop).toBeUndefined();
  });
});

describe('a two-row header whose other headers stand only in the upper row', () => {
  it.each([
    ['Infusion Time', 'Start', 'Stop'],
    ['Time', 'In', 'Out'],
  ])('`%s` over `%s | %s`', (label, lower1, lower2) => {
    const out = coded([
      ['Encounter', 'Drug', 'Dose', 'Route', 'Purpose', 'Date', label, null, 'Diagnosis', 'Necessity'],
      [null, null, null, null, null, null, lower1, lower2, null, null],
      ['S09', 'vancomycin', '1.75 g', 'IV infusion', 'therapeutic', '2026-03-02', '09:00', '10:31', 'A41.9', 'Sepsis'],
    ]);
    expect(out.codes).toEqual(VANCO_91);
    expect(out.findings).toEqual([]);
  });

  it('leaves a title row above a full header alone', () => {
    const g = grid([
      ['Infusion log', null, null, 'Dept: Infusion Center'],
      ['Visit', 'Drug', 'Start', null, 'Stop'],
      ['E1', 'NS', '10:00', 'x', '11:00'],
    ]);
    const t = detectTable(g)!;
    expect(t.headerRow).toBe(2);
    expect(t.mapping).toMatchObject({ encounter: 1, drug: 2, start: 3, stop: 5 });
  });
});

describe('an AM/PM column right of 12-hour times', () => {
  it('gives each time its half of the day (overnight hydration, an infusion past noon)', () => {
    const out = coded([
      ['Encounter', 'Drug', 'Dose', 'Route', 'Purpose', 'Date', 'Start', 'AM/PM', 'Stop', 'AM/PM', 'Diagnosis', 'Necessity'],
      ['S17', 'normal saline', '1000 mL', 'IV infusion', 'hydration', '2026-03-02', '11:00', 'PM', '2:00', 'AM', 'E86.0', 'Dehydration'],
      ['S11', 'Gammagard Liquid', '30 g', 'IV infusion', 'therapeutic', '2026-03-02', 11 / 24, 'AM', 1.5167 / 24, 'PM', 'D83.9', 'CVID'],
    ]);
    expect(out.codes).toEqual({ S17: '96360 x1; 96361 x2 | J7030 x1', S11: '96365 x1; 96366 x2 | J1569 x60' });
    expect(out.findings).toEqual([]);
  });
});

describe('headers and values of other systems', () => {
  it('reads `Appt ID` as the visit, so two patients of one date stay two encounters', () => {
    const out = coded([
      ['Appt ID', 'Drug', 'Dose', 'Route', 'Purpose', 'Date', 'Time Begun', 'Time Complete', 'Diagnosis', 'Necessity'],
      ['A1', 'ceftriaxone', '1 g', 'IV infusion', 'therapeutic', '2026-03-02', '09:30', '09:44', 'N39.0', 'UTI'],
      ['A2', 'cefazolin', '2 g', 'IV infusion', 'therapeutic', '2026-03-02', '13:00', '13:31', 'L03.115', 'Cellulitis'],
    ]);
    expect(out.codes).toEqual({ A1: '96374 x1 | J0696 x4', A2: '96365 x1 | J0690 x4' });
  });

  it('codes `IV Injection` as a push, `Vitamin B-12` as cyanocobalamin and payer `MCR` as Medicare', () => {
    const out = coded([
      ['Encounter', 'Setting', 'Drug', 'Dose', 'Route', 'Purpose', 'Date', 'Start', 'Stop', 'Diagnosis', 'Necessity', 'Waste', 'Fin Class'],
      ['S30', 'facility', 'ondansetron', '4 mg', 'IV Injection', 'therapeutic', '2026-03-02', '14:00', null, 'G43.909', 'Migraine', null, 'BCBS'],
      ['S47', 'office', 'Vitamin B-12', '1000 mcg', 'IM', 'therapeutic', '2026-03-02', '09:15', null, 'D51.0', 'Pernicious anemia', null, 'BCBS'],
      ['S41', 'office', 'infliximab', '350 mg', 'IV infusion', 'therapeutic', '2026-03-02', '10:00', '12:00', 'M06.9', 'RA', '50 mg', 'MCR'],
    ]);
    expect(out.codes).toEqual({
      S30: '96374 x1 | J2405 x4',
      S47: '96372 x1 | J3420 x1',
      S41: '96413 x1; 96415 x1 | J1745 x35; J1745-JW x5',
    });
    expect(out.findings).toEqual([]);
  });
});
