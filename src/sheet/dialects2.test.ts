/**
 * More shapes of real flat sheets that must code as the canonical layout does (examples.json S01, S09, S17, S20,
 * S24, S30): a visit id on the visit's first row only, an ISO date-time with its UTC offset, an `hh:mm:ss`
 * duration, an `Infusion/Injection` column beside a bare `IV` route, and day-first (European) dates.
 */
import { codeRows } from '../rules';
import { detectTable } from './headers';
import { readRows, splitTimeRange } from './rows';
import { codedSheet as coded, gridOf as grid } from '../../test/sheetCoding';

const HEAD = ['Encounter', 'Setting', 'Drug', 'Dose', 'Route', 'Purpose', 'Date', 'Start', 'Stop', 'Diagnosis', 'Necessity'];

describe('a visit id on the first row of its visit only (blank below: same as above)', () => {
  it('keeps each visit whole instead of merging the blank rows of a date into one visit', () => {
    const out = coded([
      HEAD,
      ['S20', 'facility', 'normal saline', '1000 mL', 'IV infusion', 'hydration', '2026-03-02', '10:00', '11:00', 'A41.9', 'Dehydration'],
      [null, null, 'ceftriaxone', '1 g', 'IV infusion', 'therapeutic', null, '11:05', '11:35', 'A41.9', 'Sepsis'],
      ['S24', 'facility', 'ceftriaxone', '1 g', 'IV infusion', 'therapeutic', '2026-03-02', '10:00', '10:30', 'J18.9', 'Pneumonia'],
      [null, null, 'azithromycin', '500 mg', 'IV infusion', 'therapeutic', null, '10:35', '11:35', 'J18.9', 'Pneumonia'],
    ]);
    expect(out.codes).toEqual({ S20: '96365 x1; 96361 x1 | J0696 x4; J7030 x1', S24: '96365 x1; 96367 x1 | J0696 x4; J0456 x1' });
    expect(out.findings).toEqual([]);
  });

  it('reads a ditto mark (`"`) in the visit cell as the visit above', () => {
    const out = coded([
      HEAD,
      ['S24', 'facility', 'ceftriaxone', '1 g', 'IV infusion', 'therapeutic', '2026-03-02', '10:00', '10:30', 'J18.9', 'Pneumonia'],
      ['"', '"', 'azithromycin', '500 mg', 'IV infusion', 'therapeutic', '"', '10:35', '11:35', 'J18.9', 'Pneumonia'],
    ]);
    expect(out.codes).toEqual({ S24: '96365 x1; 96367 x1 | J0696 x4; J0456 x1' });
    expect(out.findings).toEqual([]);
  });

  it('never carries a visit onto a row naming another patient', () => {
    const g = grid([
      ['Encounter', 'Patient', 'Drug', 'Date', 'Start'],
      ['E1', 'Smith, Ann', 'ondansetron', '2026-03-02', '09:00'],
      [null, 'Smith, Ann', 'ketorolac', null, '09:05'],
      [null, 'Jones, Bo', 'ketorolac', '2026-03-02', '09:10'],
    ]);
    const rows = readRows(g, detectTable(g)!);
    expect(rows.map((r) => [r.values.encounter, r.values.date])).toEqual([
      ['E1', '2026-03-02'],
      ['E1', '2026-03-02'],
      [null, '2026-03-02'],
    ]);
  });
});

describe('an ISO date-time with a UTC offset', () => {
  it('is one time, not a range from 14:00 to the offset (a push read as stopping at 05:00)', () => {
    expect(splitTimeRange('2026-03-02T14:00:00-05:00')).toBeNull();
    expect(splitTimeRange('2026-03-02T14:00-0500')).toBeNull();
    // A dated range without a `T` or seconds is still a range.
    expect(splitTimeRange('2026-03-02 09:00-10:31')).toEqual(['2026-03-02 09:00', '10:31']);
    const out = coded([
      ['Encounter', 'Setting', 'Drug', 'Dose', 'Route', 'Purpose', 'Start', 'Stop', 'Diagnosis', 'Necessity'],
      ['S30', 'facility', 'ondansetron', '4 mg', 'IV push', 'therapeutic', '2026-03-02T14:00:00-05:00', null, 'R11.2', 'Vomiting'],
      ['S09', 'facility', 'vancomycin', '1.75 g', 'IV infusion', 'therapeutic', '2026-03-02T09:00:00-05:00', '2026-03-02T10:31:00-05:00', 'A41.9', 'Sepsis'],
    ]);
    expect(out.codes).toEqual({ S30: '96374 x1 | J2405 x4', S09: '96365 x1; 96366 x1 | J3370 x4' });
    expect(out.findings).toEqual([]);
  });
});

describe('a duration written hh:mm:ss', () => {
  it('`01:31:00` times the infusion as `1:31` does', () => {
    const out = coded([
      ['Encounter', 'Drug', 'Dose', 'Route', 'Purpose', 'Date', 'Start Time', 'Infusion Duration', 'Diagnosis', 'Necessity'],
      ['S09', 'vancomycin', '1.75 g', 'IV infusion', 'therapeutic', '2026-03-02', '09:00', '01:31:00', 'A41.9', 'Sepsis'],
    ]);
    expect(out.codes).toEqual({ S09: '96365 x1; 96366 x1 | J3370 x4' });
    expect(out.findings).toEqual([]);
  });
});

describe('an `Infusion/Injection` column beside a bare `IV` route', () => {
  it('makes `IV` + `Injection` a push (no infusion missing its stop) and `IV` + `Infusion` an infusion', () => {
    const head = ['Encounter', 'Setting', 'Drug', 'Dose', 'Route', 'Infusion/Injection', 'Purpose', 'Date', 'Start', 'Stop', 'Diagnosis', 'Necessity'];
    const out = coded([
      head,
      ['S30', 'facility', 'ondansetron', '4 mg', 'IV', 'Injection', 'therapeutic', '2026-03-02', '14:00', null, 'R11.2', 'Vomiting'],
      ['S30', 'facility', 'ketorolac', '15 mg', 'IV', 'Injection', 'therapeutic', '2026-03-02', '14:05', null, 'R10.9', 'Pain'],
      ['S30', 'facility', 'diphenhydramine', '25 mg', 'IV', 'Injection', 'therapeutic', '2026-03-02', '14:10', null, 'T78.40XA', 'Allergic reaction'],
      ['S09', 'facility', 'vancomycin', '1.75 g', 'IV', 'Infusion', 'therapeutic', '2026-03-02', '09:00', '10:31', 'A41.9', 'Sepsis'],
    ]);
    expect(out.codes).toEqual({ S30: '96374 x1; 96375 x2 | J2405 x4; J1885 x1; J1200 x1', S09: '96365 x1; 96366 x1 | J3370 x4' });
    expect(out.findings).toEqual([]);
  });

  it('is the type itself on a sheet without a purpose column (`IV Push`, `IM Injection`)', () => {
    const out = coded([
      ['Encounter', 'Setting', 'Drug', 'Dose', 'Infusion/Injection', 'Date', 'Start', 'Stop', 'Diagnosis', 'Necessity'],
      ['S30', 'facility', 'ondansetron', '4 mg', 'IV Push', '2026-03-02', '14:00', null, 'R11.2', 'Vomiting'],
    ]);
    expect(out.codes).toEqual({ S30: '96374 x1 | J2405 x4' });
    expect(out.findings).toEqual([]);
  });
});

describe('day-first (European) dates', () => {
  it('reads `02/03/2026` as 2 March when another date of the sheet is `15/03/2026`', () => {
    const out = coded([
      ['Encounter', 'Setting', 'Drug', 'Dose', 'Route', 'Purpose', 'Start Date', 'Start Time', 'End Date', 'End Time', 'Diagnosis', 'Necessity'],
      ['S17', 'facility', 'normal saline', '1000 mL', 'IV infusion', 'hydration', '02/03/2026', '23:00', '03/03/2026', '02:00', 'E86.0', 'Dehydration'],
      ['S01', 'facility', 'ceftriaxone', '1 g', 'IV infusion', 'therapeutic', '15/03/2026', '09:30', '15/03/2026', '09:44', 'N39.0', 'UTI'],
    ]);
    expect(out.codes).toEqual({ S17: '96360 x1; 96361 x2 | J7030 x1', S01: '96374 x1 | J0696 x4' });
    expect(out.dates).toEqual(['2026-03-02', '2026-03-15']);
    expect(out.findings).toEqual([]);
  });

  it('reads dotted dates day first, and a US column (`03/15/2026`) stays month first', () => {
    const dotted = coded([
      HEAD,
      ['S01', 'facility', 'ceftriaxone', '1 g', 'IV infusion', 'therapeutic', '02.03.2026', '09:30', '09:44', 'N39.0', 'UTI'],
    ]);
    expect(dotted.dates).toEqual(['2026-03-02']);
    const us = coded([
      HEAD,
      ['S01', 'facility', 'ceftriaxone', '1 g', 'IV infusion', 'therapeutic', '03/02/2026', '09:30', '09:44', 'N39.0', 'UTI'],
      ['S05', 'facility', 'ceftriaxone', '1 g', 'IV infusion', 'therapeutic', '03/15/2026', '09:30', '09:44', 'N39.0', 'UTI'],
    ]);
    expect(us.dates).toEqual(['2026-03-02', '2026-03-15']);
  });
});

describe('Spanish headers', () => {
  it('`Encuentro | Medicamento | Dosis | Vía | Fecha | Hora inicio | Hora fin` code as the English ones', () => {
    const out = coded([
      ['Encuentro', 'Ámbito', 'Medicamento', 'Dosis', 'Vía', 'Tipo', 'Fecha', 'Hora inicio', 'Hora fin', 'Diagnóstico', 'Necesidad médica'],
      ['S09', 'facility', 'vancomycin', '1.75 g', 'IV infusion', 'therapeutic', '2026-03-02', '09:00', '10:31', 'A41.9', 'Sepsis'],
      ['S30', 'facility', 'ondansetron', '4 mg', 'IV push', 'therapeutic', '2026-03-02', '14:00', null, 'R11.2', 'Vomiting'],
    ]);
    expect(out.codes).toEqual({ S09: '96365 x1; 96366 x1 | J3370 x4', S30: '96374 x1 | J2405 x4' });
    expect(out.findings).toEqual([]);
  });
});

describe('one row per drug, its administrations across (`Start 1 | Stop 1 | Start 2 | Stop 2`)', () => {
  it('codes the first and says the second was not coded (it was dropped without a word)', () => {
    const g = grid([
      ['Encounter', 'Setting', 'Drug', 'Dose', 'Route', 'Purpose', 'Date', 'Start 1', 'Stop 1', 'Start 2', 'Stop 2', 'Diagnosis', 'Necessity'],
      ['S16', 'facility', 'normal saline', '1000 mL', 'IV infusion', 'hydration', '2026-03-02', '08:00', '09:00', '10:15', '11:15', 'E86.0', 'Dehydration'],
      ['S09', 'facility', 'vancomycin', '1.75 g', 'IV infusion', 'therapeutic', '2026-03-02', '09:00', '10:31', null, null, 'A41.9', 'Sepsis'],
    ]);
    const result = codeRows(readRows(g, detectTable(g)!));
    expect(result.rows.map((r) => r.findings.filter((f) => f.severity !== 'info').map((f) => `${f.id} ${f.message.slice(0, 13)}`))).toEqual([
      ['unread-administration The Start 2 c', 'unread-administration The Stop 2 ce'],
      [],
    ]);
    expect(result.rows[0].status).toBe('Review');
  });
});
