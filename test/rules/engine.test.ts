/** Unit tests of the coding rules (RULES.md sections 3-7), each with success and failure cases. */
import { codeRows } from '../../src/rules';
import type { CodingOptionsInput, InputRow } from '../../src/rules';

type Line = Record<string, string | number | Date | null>;

const base = { encounter: 'E1', date: '2026-03-02', diagnosis: 'N39.0', necessity: 'documented need', site: 'L forearm' };

function run(lines: Line[], options?: CodingOptionsInput) {
  const rows: InputRow[] = lines.map((l, i) => ({ row: i + 2, values: { ...base, ...l } }));
  return codeRows(rows, options);
}

function cpt(lines: Line[], options?: CodingOptionsInput): string[] {
  return run(lines, options).encounters[0].cpt.map((c) => `${c.code}${c.modifiers.length ? '-' + c.modifiers.join('-') : ''} x${c.units}`);
}

function hcpcs(lines: Line[], options?: CodingOptionsInput): string[] {
  return run(lines, options).encounters[0].hcpcs.map((c) => `${c.code}${c.modifiers.length ? '-' + c.modifiers.join('-') : ''} x${c.units}`);
}

function ids(lines: Line[], options?: CodingOptionsInput): string[] {
  return [...new Set(run(lines, options).rows.flatMap((r) => r.findings.map((f) => f.id)))].sort();
}

const vanc = (start: string, stop: string, extra: Line = {}): Line => ({ drug: 'vancomycin', dose: '1 g', route: 'IV infusion', start, stop, ...extra });
const ns = (start: string, stop: string, extra: Line = {}): Line => ({ drug: 'normal saline', dose: '1000 mL', route: 'IV infusion', purpose: 'hydration', start, stop, ...extra });

describe('push or infusion: the 15/16 minute edge', () => {
  it.each([
    ['09:15', ['96374 x1']],
    ['09:16', ['96365 x1']],
  ])('vancomycin 09:00-%s', (stop, expected) => {
    expect(cpt([vanc('09:00', stop)])).toEqual(expected);
  });
});

describe('hour thresholds for infusions (90/91, 150/151, 210/211)', () => {
  it.each([
    ['10:30', ['96365 x1']],
    ['10:31', ['96365 x1', '96366 x1']],
    ['11:30', ['96365 x1', '96366 x1']],
    ['11:31', ['96365 x1', '96366 x2']],
    ['12:30', ['96365 x1', '96366 x2']],
    ['12:31', ['96365 x1', '96366 x3']],
  ])('vancomycin 09:00-%s', (stop, expected) => {
    expect(cpt([vanc('09:00', stop)])).toEqual(expected);
  });
});

describe('hydration thresholds (30/31, 90/91)', () => {
  it('30 minutes earns nothing, with a below-threshold note', () => {
    const result = run([ns('10:00', '10:30')]);
    expect(result.encounters[0].cpt).toEqual([]);
    const f = result.rows[0].findings.find((x) => x.id === 'below-threshold');
    expect(f?.message).toMatch(/30 min; 96360 needs 31/);
    expect(f?.severity).toBe('info');
  });
  it('31 minutes is 96360', () => expect(cpt([ns('10:00', '10:31')])).toEqual(['96360 x1']));
  it('90 minutes is 96360 only', () => expect(cpt([ns('10:00', '11:30')])).toEqual(['96360 x1']));
  it('91 minutes adds 96361', () => expect(cpt([ns('10:00', '11:31')])).toEqual(['96360 x1', '96361 x1']));
  it('hydration beside another initial: 30 min nothing, 31 min one 96361, 91 min two', () => {
    expect(cpt([vanc('09:00', '09:30'), ns('10:00', '10:30')])).toEqual(['96365 x1']);
    expect(cpt([vanc('09:00', '09:30'), ns('10:00', '10:31')])).toEqual(['96365 x1', '96361 x1']);
    expect(cpt([vanc('09:00', '09:30'), ns('10:00', '11:31')])).toEqual(['96365 x1', '96361 x2']);
  });
  it('hydration running beside a drug infusion loses the overlapping minutes', () => {
    // Saline 09:00-10:40 (100 min); vancomycin 09:30-10:30 covers 60 of them: 40 min remain -> 96361 x1.
    expect(cpt([ns('09:00', '10:40'), vanc('09:30', '10:30')])).toEqual(['96365 x1', '96361 x1']);
    // Saline 09:00-10:20 with vanc 09:10-10:10: 20 min remain -> nothing.
    expect(cpt([ns('09:00', '10:20'), vanc('09:10', '10:10')])).toEqual(['96365 x1']);
  });
  it('separate hydration segments are summed (option) or taken one by one', () => {
    const lines = [vanc('08:00', '08:40'), ns('09:00', '09:20'), ns('11:00', '11:20')];
    expect(cpt(lines)).toEqual(['96365 x1', '96361 x1']);
    expect(cpt(lines, { sumHydrationSegments: false })).toEqual(['96365 x1']);
  });
});

describe('a dose of nothing', () => {
  it.each(['0 mg', '0.0000001 mg', '1e-7 mg', 0])('%p bills no drug line and says why, as an error on the dose', (amount) => {
    const result = run([vanc('09:00', '10:00', { dose: amount })]);
    expect(result.encounters[0].hcpcs).toEqual([]);
    expect(result.rows[0].status).toBe('Error');
    expect(result.rows[0].findings.find((f) => f.id === 'unparseable-dose')?.message).toMatch(/dose of nothing/);
  });
});

describe('midnight', () => {
  it('23:00 to 02:00 is 180 minutes', () => {
    const result = run([ns('23:00', '02:00')]);
    expect(result.rows[0].minutes).toBe(180);
    expect(result.encounters[0].cpt.map((c) => `${c.code} x${c.units}`)).toEqual(['96360 x1', '96361 x2']);
  });
  it('23:50 to 00:20 is a 30 minute infusion', () => {
    expect(run([vanc('23:50', '00:20')]).rows[0].minutes).toBe(30);
  });
  it('a stop 13 hours "earlier" is not a midnight crossing', () => {
    const result = run([vanc('12:00', '01:00')]);
    expect(result.rows[0].findings.map((f) => f.id)).toContain('stop-before-start');
    expect(result.rows[0].status).toBe('Error');
  });
  it('a clock start and a date-time stop, with no date column, are on the stop\'s date (never 56 years apart)', () => {
    for (const [start, stop] of [['09:00', '3/2/2026 10:31'], [0.375, 46083 + 631 / 1440]] as const) {
      const result = run([{ ...vanc('', ''), start, stop, date: null }]);
      expect(result.rows[0].minutes).toBe(91);
      expect(result.encounters[0].cpt.map((c) => `${c.code} x${c.units}`)).toEqual(['96365 x1', '96366 x1']);
      expect(result.rows[0].findings.map((f) => f.id)).not.toContain('missing-date');
    }
  });
  it('an Excel stop past midnight made by a formula (=B2+TIME(0,45,0) from 23:30) is 45 minutes, as a number or a date', () => {
    for (const stop of [1 + 15 / 1440, new Date(Date.UTC(1900, 0, 1, 0, 15))]) {
      const result = run([vanc('', '', { start: 23.5 / 24, stop })]);
      expect(result.rows[0].minutes).toBe(45);
      expect(result.rows[0].findings.map((f) => f.id)).not.toContain('stop-before-start');
    }
  });
  it('an encounter crossing midnight keeps one initial service', () => {
    const lines = [vanc('23:00', '23:45'), { ...vanc('00:30', '01:30'), drug: 'ceftriaxone', date: '2026-03-03' }];
    expect(cpt(lines)).toEqual(['96365 x1', '96367 x1']);
  });
});

describe('hierarchy and the initial service', () => {
  it('facility: a drug infusion outranks earlier hydration', () => {
    expect(cpt([ns('09:00', '10:00'), vanc('10:05', '10:45')])).toEqual(['96365 x1', '96361 x1']);
  });
  it('facility: complex outranks therapeutic', () => {
    const lines = [vanc('09:00', '10:00'), { drug: 'rituximab', dose: '500 mg', route: 'IV infusion', start: '10:00', stop: '11:00' }];
    expect(cpt(lines)).toEqual(['96413 x1', '96367 x1']);
  });
  it('office: the line marked primary is initial; none marked follows the hierarchy with an info finding', () => {
    const push = { drug: 'ondansetron', dose: '4 mg', route: 'IV push', start: '08:50', setting: 'office' };
    expect(cpt([{ ...push, primary: 'Y' }, { ...vanc('09:00', '10:00'), setting: 'office' }])).toEqual(['96374 x1', '96367 x1']);
    const lines = [push, { ...vanc('09:00', '10:00'), setting: 'office' }];
    expect(cpt(lines)).toEqual(['96365 x1', '96375 x1']);
    expect(ids(lines)).toContain('no-primary-marked');
  });
  it('ties go to the longest line', () => {
    const lines = [vanc('09:00', '09:40'), { ...vanc('10:00', '11:00'), drug: 'cefazolin' }];
    const enc = run(lines).encounters[0];
    expect(enc.cpt[0].code).toBe('96365');
    expect(enc.cpt[0].drug).toBe('cefazolin');
  });
});

describe('pushes', () => {
  const push = (drug: string, start: string, extra: Line = {}): Line => ({ drug, dose: '4 mg', route: 'IV push', start, ...extra });
  it('new drugs after the initial are 96375 each', () => {
    expect(cpt([push('ondansetron', '09:00'), push('morphine', '09:05'), push('dexamethasone', '09:10')])).toEqual(['96374 x1', '96375 x2']);
  });
  it('the same drug again: 30 minutes later nothing, 31 minutes later 96376 (facility only)', () => {
    expect(cpt([push('ondansetron', '09:00'), push('ondansetron', '09:30')])).toEqual(['96374 x1']);
    expect(cpt([push('ondansetron', '09:00'), push('ondansetron', '09:31')])).toEqual(['96374 x1', '96376 x1']);
    expect(cpt([push('ondansetron', '09:00', { setting: 'office' }), push('ondansetron', '09:31', { setting: 'office' })])).toEqual(['96374 x1']);
  });
  it('the same drug pushed more than 30 minutes after its infusion ended is 96376', () => {
    expect(cpt([vanc('09:00', '10:00'), push('vancomycin', '10:31')])).toEqual(['96365 x1', '96376 x1']);
  });
  it('IM and SQ injections are 96372 each, outside the hierarchy', () => {
    const lines = [vanc('09:00', '10:00'), { drug: 'B12', dose: '1000 mcg', route: 'IM', start: '10:05' }, { drug: 'Prolia', dose: '60 mg', route: 'subcut', start: '10:10' }];
    expect(cpt(lines)).toEqual(['96365 x1', '96372 x2']);
  });
});

describe('overlap on one access (time slicing)', () => {
  it('a second drug with more than 15 own minutes is sequential', () => {
    // Vanc 09:00-10:00 then cefazolin 09:50-10:30: 30 own minutes -> 96367.
    expect(cpt([vanc('09:00', '10:00'), { ...vanc('09:50', '10:30'), drug: 'cefazolin' }])).toEqual(['96365 x1', '96367 x1']);
  });
  it('15 or fewer own minutes beside another for more than 15 is concurrent, once per encounter', () => {
    const lines = [vanc('09:00', '10:30'), { ...vanc('09:10', '10:00'), drug: 'cefazolin' }, { ...vanc('09:20', '10:10'), drug: 'ceftriaxone' }];
    expect(cpt(lines)).toEqual(['96365 x1', '96368 x1']);
    expect(ids(lines)).toContain('concurrent-limit');
  });
  it('a drug beside another for 15 minutes or less counts as a push', () => {
    expect(cpt([vanc('09:00', '10:00'), { ...vanc('09:50', '10:05'), drug: 'cefazolin' }])).toEqual(['96365 x1', '96375 x1']);
  });
  it('KVO saline earns nothing and never counts as hydration', () => {
    const kvo = { drug: 'NS', dose: '1000 mL', route: 'IV infusion', purpose: 'KVO', start: '08:00', stop: '12:00' };
    expect(cpt([kvo, vanc('09:00', '10:00')])).toEqual(['96365 x1']);
    expect(hcpcs([kvo, vanc('09:00', '10:00')]).sort()).toEqual(['J3370 x2', 'J7030 x1']);
  });
});

describe('access groups', () => {
  it('a second site overlapping in time gets its own initial with modifier 59 (or XS)', () => {
    const lines = [vanc('09:00', '10:00', { site: 'L forearm' }), { ...vanc('09:30', '10:30'), drug: 'cefazolin', site: 'R hand' }];
    expect(cpt(lines)).toEqual(['96365 x1', '96365-59 x1']);
    expect(cpt(lines, { separateSiteModifier: 'XS' })).toEqual(['96365 x1', '96365-XS x1']);
  });
  it('the 59 goes on the second access\'s initial by the hierarchy, not on the site started later', () => {
    // RULES.md 4: one initial per encounter by the hierarchy; chemotherapy on a port accessed after a peripheral line.
    const oxaliplatin = { drug: 'oxaliplatin', dose: '170 mg', route: 'IV infusion', purpose: 'chemotherapy', diagnosis: 'C18.9' };
    const lines = [vanc('09:00', '10:00', { site: 'R arm' }), { ...oxaliplatin, start: '09:30', stop: '11:30', site: 'port' }];
    expect(cpt(lines)).toEqual(['96413 x1', '96415 x1', '96365-59 x1']);
    // Hydration on the first site, a drug on a second one: the drug is the initial service.
    expect(cpt([ns('09:00', '10:30', { site: 'L hand' }), vanc('10:00', '11:00', { site: 'R arm' })])).toEqual(['96365 x1', '96360-59 x1']);
    // Office: the line marked primary is the initial service, on whichever site.
    const office = [ns('09:00', '10:30', { site: 'L hand', setting: 'office' }), vanc('10:00', '11:00', { site: 'R arm', setting: 'office', primary: 'Y' })];
    expect(cpt(office)).toEqual(['96365 x1', '96360-59 x1']);
  });
  it('a different site that does not overlap is a restarted IV (one group, info finding)', () => {
    const lines = [vanc('09:00', '10:00', { site: 'L forearm' }), { ...vanc('11:00', '12:00'), drug: 'cefazolin', site: 'R hand' }];
    expect(cpt(lines)).toEqual(['96365 x1', '96367 x1']);
    expect(ids(lines)).toContain('site-restart');
  });
  it('site spelling does not split a group', () => {
    const lines = [vanc('09:00', '10:00', { site: 'Lt. forearm 20g' }), { ...vanc('09:30', '10:30'), drug: 'cefazolin', site: 'left forearm' }];
    expect(cpt(lines)).toEqual(['96365 x1', '96367 x1']);
  });
});

describe('missing times', () => {
  it('an infusion without a stop time is coded as a push by default, or not at all (option)', () => {
    const line = { drug: 'vancomycin', dose: '1 g', route: 'IV infusion', start: '14:00' };
    expect(cpt([line])).toEqual(['96374 x1']);
    expect(cpt([line], { missingTimeInfusion: 'none' })).toEqual([]);
    expect(ids([line])).toEqual(['missing-stop-time']);
  });
  it('hydration without a time is not coded', () => {
    expect(cpt([{ drug: 'NS', dose: '1000 mL', purpose: 'hydration', route: 'IV infusion', start: '10:00' }])).toEqual([]);
  });
  it('a push needs only its start time', () => {
    expect(ids([{ drug: 'ondansetron', dose: '4 mg', route: 'IV push', start: '10:00' }])).toEqual([]);
    expect(ids([{ drug: 'ondansetron', dose: '4 mg', route: 'IV push' }])).toEqual(['missing-start-time']);
  });
  it('unreadable times are findings on their own cell', () => {
    const result = run([vanc('09:00', '25:99')]);
    const f = result.rows[0].findings.find((x) => x.id === 'unparseable-time');
    expect(f?.field).toBe('stop');
    expect(f?.message).toContain('25:99');
  });
});

describe('HCPCS lines', () => {
  it('units round up per billing unit; "up to" codes count each part', () => {
    expect(hcpcs([vanc('09:00', '10:00', { dose: '1.25 g' })])).toEqual(['J3370 x3']);
    expect(hcpcs([{ drug: 'morphine', dose: '4 mg', route: 'IV push', start: '09:00' }])).toEqual(['J2270 x1']);
    expect(hcpcs([{ drug: 'Zosyn', dose: '3.375 g', route: 'IV infusion', start: '09:00', stop: '09:30' }])).toEqual(['J2543 x3']);
  });
  it('one line per drug per date of service', () => {
    const lines = [vanc('09:00', '10:00', { dose: '500 mg' }), vanc('14:00', '15:00', { dose: '750 mg' })];
    expect(hcpcs(lines)).toEqual(['J3370 x3']);
  });
  it('bags by volume: 2000 mL is two 1000 mL bags, 500 mL is J7040', () => {
    expect(hcpcs([ns('09:00', '11:00', { dose: '2000 mL' })])).toEqual(['J7030 x2']);
    expect(hcpcs([ns('09:00', '11:00', { dose: '500 mL' })])).toEqual(['J7040 x1']);
  });
  it('a small diluent is not listed; a drug in a bag of 250 mL or more lists both', () => {
    expect(hcpcs([{ drug: 'ondansetron', dose: '8 mg in 50 mL', route: 'IV infusion', start: '09:00', stop: '09:20' }])).toEqual(['J2405 x8']);
    expect(hcpcs([{ drug: 'potassium chloride', dose: '20 mEq KCl / 1000 mL', route: 'IV infusion', start: '09:00', stop: '11:00' }]).sort()).toEqual(['J3480 x10', 'J7030 x1']);
  });
  it('unclassified drugs are J3490 x1 with an info finding', () => {
    const lines = [{ drug: 'famotidine', dose: '20 mg', route: 'IV push', start: '09:00' }];
    expect(hcpcs(lines)).toEqual(['J3490 x1']);
    expect(ids(lines)).toContain('unclassified-drug');
  });
  it('unknown drugs are still coded from route and time, without a HCPCS line', () => {
    const lines = [{ drug: 'zzqx-imaginary', dose: '5 mg', route: 'IV push', start: '09:00' }];
    expect(cpt(lines)).toEqual(['96374 x1']);
    expect(hcpcs(lines)).toEqual([]);
    expect(ids(lines)).toContain('unknown-drug');
  });
  it('a drug without a dose gets a missing-dose warning and no units', () => {
    const lines = [{ drug: 'ondansetron', route: 'IV push', start: '09:00' }];
    expect(hcpcs(lines)).toEqual([]);
    expect(ids(lines)).toEqual(['missing-dose']);
  });
});

describe('JW / JZ (Medicare single-dose containers)', () => {
  const infl = (waste: string | null, payer = 'Medicare', dose = '350 mg'): Line => ({ drug: 'Remicade', dose, route: 'IV infusion', start: '10:00', stop: '12:00', payer, waste });
  it('waste > 0 adds a JW line with the waste units', () => expect(hcpcs([infl('50 mg')])).toEqual(['J1745 x35', 'J1745-JW x5']));
  it('waste 0 puts JZ on the drug line', () => expect(hcpcs([infl('0')])).toEqual(['J1745-JZ x35']));
  it('waste blank is a missing-waste warning', () => expect(ids([infl(null)])).toContain('missing-waste'));
  it('waste that fits in the billed units: JZ, no JW line', () => expect(hcpcs([infl('5 mg', 'Medicare', '345 mg')])).toEqual(['J1745-JZ x35']));
  it('other payers get neither (unless listed in the option)', () => {
    expect(hcpcs([infl('50 mg', 'Aetna')])).toEqual(['J1745 x35']);
    expect(hcpcs([infl('50 mg', 'Aetna')], { jwJzPayers: ['Medicare', 'Aetna'] })).toEqual(['J1745 x35', 'J1745-JW x5']);
  });
});

describe('MUE', () => {
  it('units over the MUE raise a warning', () => {
    // 96361 MUE is 8: 10 hours of hydration beside an initial service.
    const lines = [vanc('07:00', '07:30'), ns('08:00', '18:00')];
    expect(ids(lines)).toContain('mue-exceeded');
    expect(ids([vanc('07:00', '07:30'), ns('08:00', '10:00')])).not.toContain('mue-exceeded');
  });
  it('counts a code per patient and date across encounters, on the encounter that takes it over', () => {
    // Two encounters of one patient on one date, 6 hours of hydration each: 96361 x5 + x5 = 10 > 8.
    const hydration = (encounter: string, start: string, stop: string): InputRow['values'] => ({ ...base, ...ns(start, stop), encounter, patient: 'MRN1' });
    const result = codeRows([
      { row: 2, values: hydration('V1', '08:00', '14:00') },
      { row: 3, values: hydration('V2', '15:00', '21:00') },
    ]);
    expect(result.rows[0].findings.map((f) => f.id)).not.toContain('mue-exceeded');
    const over = result.rows[1].findings.filter((f) => f.id === 'mue-exceeded');
    // The second initial service of the day, 96360-59, is the rules' own answer: never an excess.
    expect(over.map((f) => f.message)).toEqual([
      "96361 has 10 units on 2026-03-02 with the patient's earlier encounters that day (5 in this one), over its Medically Unlikely Edit of 8; check the documentation before billing.",
    ]);
    // Another patient's encounter that day adds nothing.
    const apart = codeRows([
      { row: 2, values: hydration('V1', '08:00', '14:00') },
      { row: 3, values: { ...hydration('V2', '15:00', '21:00'), patient: 'MRN2' } },
    ]);
    expect(apart.rows.flatMap((r) => r.findings.map((f) => f.id))).not.toContain('mue-exceeded');
  });
  it('a loaded MUE table replaces the built-in values', () => {
    const rows: InputRow[] = [{ row: 2, values: { ...base, ...vanc('09:00', '10:00', { dose: '2 g' }) } }];
    const result = codeRows(rows, {}, { mue: new Map([['J3370', 2]]) });
    expect(result.rows[0].findings.map((f) => f.id)).toContain('mue-exceeded');
  });
});

describe('documentation findings', () => {
  it('billable lines need a necessity note and a diagnosis', () => {
    expect(ids([vanc('09:00', '10:00', { necessity: '', diagnosis: '' })])).toEqual(['missing-diagnosis', 'missing-necessity']);
  });
  it('ICD-9 codes are invalid', () => {
    expect(ids([vanc('09:00', '10:00', { diagnosis: '276.51' })])).toEqual(['invalid-diagnosis-code']);
  });
  it('a blank route is a warning and is inferred from the times', () => {
    const lines = [vanc('09:00', '10:00', { route: '' })];
    expect(cpt(lines)).toEqual(['96365 x1']);
    expect(ids(lines)).toEqual(['missing-route']);
  });
  it('each finding names its row and the user column', () => {
    const rows: InputRow[] = [{ row: 7, values: { ...base, ...vanc('09:00', '') }, columns: { stop: 'Time Out' } }];
    const f = codeRows(rows).rows[0].findings.find((x) => x.id === 'missing-stop-time');
    expect(f).toMatchObject({ row: 7, field: 'stop', column: 'Time Out', severity: 'error' });
  });
  it('explanations give the reason for the units', () => {
    const result = run([vanc('09:00', '10:35')]);
    expect(result.rows[0].explanation).toContain('96366 x1: vancomycin ran 95 min; 35 min beyond the first hour exceeds 30');
  });
});

describe('dates', () => {
  it('a date-time start stands in for a missing date column', () => {
    const rows: InputRow[] = [{ row: 2, values: { encounter: 'E9', drug: 'vancomycin', dose: '1 g', route: 'IV infusion', start: '2026-03-02 09:00', stop: '2026-03-02 10:00', diagnosis: 'A41.9', necessity: 'sepsis', site: 'L arm' } }];
    const result = codeRows(rows);
    expect(result.rows[0].findings).toEqual([]);
    expect(result.encounters[0].date).toBe('2026-03-02');
  });
  it('a blank date with time-only cells is a missing-date warning', () => {
    expect(ids([vanc('09:00', '10:00', { date: '' })])).toEqual(['missing-date']);
  });
});

describe('the same drug infused again', () => {
  it('extends its own first-hour code (no add-on without its primary)', () => {
    // Found by the property test: a complex initial, then the same drug again as a therapeutic line.
    const lines = [
      { drug: 'ondansetron', dose: '8 mg', route: 'IV infusion', purpose: 'chemotherapy', start: '00:00', stop: '00:16' },
      { drug: 'ondansetron', dose: '8 mg', route: 'IV infusion', purpose: 'therapeutic', start: '00:00', stop: '00:47' },
    ];
    expect(cpt(lines)).toEqual(['96413 x1', '96415 x1']);
  });
  it('a second bag of the same antibiotic adds hours to 96365, not a 96367', () => {
    expect(cpt([vanc('09:00', '10:00'), vanc('10:30', '11:30')])).toEqual(['96365 x1', '96366 x1']);
  });
});

describe('half-filled rows', () => {
  it('a row with no drug, route or time earns nothing and does not disturb its encounter', () => {
    const lines = [ns('23:00', '02:00'), { drug: '', dose: '', route: '', start: '', stop: '' }];
    expect(cpt(lines)).toEqual(['96360 x1', '96361 x2']);
    const result = run(lines);
    expect(result.rows[1].findings.map((f) => f.id)).toEqual(['unknown-drug']);
    expect(result.rows[1].cpt).toEqual([]);
  });
  it('a row with times but no drug is still coded from route and time', () => {
    expect(cpt([{ drug: '', route: 'IV infusion', start: '09:00', stop: '10:00' }])).toEqual(['96365 x1']);
  });
});

describe('a drug the catalog lacks, written with its amount', () => {
  it('is never read as magnesium sulfate because its amount says "mg"', () => {
    const lines = [{ drug: 'thiotepa 15 mg', dose: '', route: 'IV infusion', purpose: 'chemotherapy', start: '09:00', stop: '09:30' }];
    expect(hcpcs(lines)).toEqual([]);
    expect(ids(lines)).toContain('unknown-drug');
  });
  it('beside a known drug in one cell: the known drug keeps its line, the other is named unknown', () => {
    for (const drug of ['thiotepa 15 mg + ondansetron 8 mg in 50 mL NS', 'pegaspargase 2500 units + ondansetron 8 mg']) {
      const lines = [{ drug, dose: '', route: 'IV infusion', purpose: 'chemotherapy', start: '09:00', stop: '09:30' }];
      expect(hcpcs(lines)).toEqual(['J2405 x8']);
      expect(ids(lines)).toContain('unknown-drug');
    }
  });
});

describe('an EHR patient class in the Setting column reads as the EHR adapters read it', () => {
  it.each([['Clinic', 'office'], ['Hospital Outpatient Clinic', 'facility'], ['Emer', 'facility']])('%p is %p', (setting, expected) => {
    const result = run([vanc('09:00', '10:00', { setting })]);
    expect(result.encounters[0].setting).toBe(expected);
    expect(result.rows[0].findings.map((f) => f.id)).not.toContain('unknown-setting');
  });
});

describe("a patient's date across encounters (RULES.md 5.5, 3.8)", () => {
  const rows = (lines: Record<string, string>[]): InputRow[] => lines.map((l, i) => ({ row: i + 2, values: { patient: 'MRN100', date: '2026-03-02', diagnosis: 'C50.911', necessity: 'need', ...l } }));
  it('a port irrigation in one encounter is not 96523 when another encounter of the patient codes that date, in either order', () => {
    const flush = { encounter: 'V1', drug: 'heparin lock flush', dose: '500 units', route: 'port flush', start: '08:00', site: 'R chest port' };
    const push = { encounter: 'V2', drug: 'ondansetron', dose: '4 mg', route: 'IV push', start: '15:00', site: 'L forearm' };
    for (const lines of [[flush, push], [push, flush]]) {
      const result = codeRows(rows(lines));
      const codes = result.encounters.flatMap((e) => e.cpt.map((c) => c.code));
      expect(codes).not.toContain('96523');
      expect(result.rows.find((r) => r.encounter === 'V1')!.findings.map((f) => f.id)).toContain('flush-bundled');
    }
    expect(codeRows(rows([flush])).encounters[0].cpt.map((c) => c.code)).toEqual(['96523']);
  });
  it('a pump refill in one encounter is bundled when another encounter of the patient has chemotherapy that date', () => {
    const chemo = { encounter: 'L1', drug: 'oxaliplatin', dose: '150 mg', route: 'IV infusion', purpose: 'chemotherapy', start: '08:00', stop: '10:00', site: 'R chest port' };
    const refill = { encounter: 'L2', drug: 'fluorouracil', dose: '2400 mg', route: 'pump refill', purpose: 'chemotherapy', start: '15:00', site: 'R chest port' };
    const result = codeRows(rows([chemo, refill]));
    expect(result.encounters[1].cpt).toEqual([]);
    expect(result.rows[1].findings.map((f) => f.id)).toContain('pump-refill-bundled');
    expect(codeRows(rows([refill])).encounters[0].cpt.map((c) => c.code)).toEqual(['96522']); // an implanted device (a port)
  });
});

describe('a dose written with the drug name, and no Dose cell', () => {
  it('is read as the dose: vancomycin 1250 mg bills J3370 x3 (500 mg a unit)', () => {
    const lines = [{ drug: 'vancomycin 1250 mg', route: 'IV infusion', start: '09:00', stop: '10:31' }];
    expect(hcpcs(lines)).toEqual(['J3370 x3']);
    expect(ids(lines)).not.toContain('missing-dose');
  });
  it('a strength is no dose: 0.9% saline with no amount still lacks one', () => {
    expect(ids([{ drug: 'sodium chloride 0.9%', route: 'IV infusion', purpose: 'hydration', start: '09:00', stop: '10:31' }])).toContain('missing-dose');
  });
});

describe('a start that is a date without a time', () => {
  it('is an unreadable time, and still dates the line (never also "no date of service")', () => {
    for (const start of ['2026-03-02', '20260302', '2026.03.02', '3/2/2026']) {
      const lines = [{ date: '', drug: 'ondansetron', dose: '4 mg', route: 'IV push', start }];
      expect(ids(lines)).toContain('unparseable-time');
      expect(ids(lines)).not.toContain('missing-date');
      expect([start, run(lines).encounters[0].date]).toEqual([start, '2026-03-02']);
    }
  });
});

describe('a push before the same drug’s infusion', () => {
  it('says it came before, not "again after its last dose"', () => {
    const lines = [{ drug: 'vancomycin', dose: '1 g', route: 'IV push', start: '08:55' }, vanc('09:00', '10:30')];
    const message = run(lines).rows[0].findings.find((f) => f.id === 'below-threshold')!.message;
    expect(message).toBe('vancomycin was pushed 5 min before its other administration; 96376 needs more than 30.');
  });
});

describe('a combination product named with "and"', () => {
  it.each([
    ['ampicillin and sulbactam', '3 g', 'J0295 x2'],
    ['piperacillin & tazobactam', '4.5 g', 'J2543 x4'],
  ])('%s is one drug, not a mixture of two', (drug, dose, line) => {
    const lines = [{ drug, dose, route: 'IV infusion', start: '09:00', stop: '09:30' }];
    expect(hcpcs(lines)).toEqual([line]);
    expect(ids(lines)).not.toContain('unknown-drug');
  });
  it('two drugs joined by "and" are still a mixture', () => {
    expect(hcpcs([{ drug: 'dexamethasone 10 mg and ondansetron 8 mg', dose: '', route: 'IV push', start: '09:00' }])).toEqual(['J1100 x10', 'J2405 x8']);
  });
});

describe('a mistyped start time', () => {
  it.each(['0975', '9.75', '2360'])('%s is unreadable and dates nothing (missing-date stays)', (start) => {
    const lines = [{ date: '', drug: 'ondansetron', dose: '4 mg', route: 'IV push', start }];
    expect(ids(lines)).toEqual(expect.arrayContaining(['unparseable-time', 'missing-date']));
    expect(run(lines).encounters[0].date).toBeNull();
  });
});

describe('one dose for a cell of several drugs', () => {
  it('is read as the first drug’s, and says so on the dose cell', () => {
    const lines = [{ drug: 'dexamethasone + ondansetron', dose: '18 mg', route: 'IV push', start: '09:00' }];
    const messages = run(lines).rows[0].findings.filter((f) => f.id === 'missing-dose' && f.field === 'dose').map((f) => f.message);
    expect(messages[0]).toBe("One dose '18 mg' for the 2 drugs of this cell: read as dexamethasone sodium phosphate's; write each drug's dose (10 mg + 8 mg).");
    expect(ids([{ drug: 'dexamethasone + ondansetron', dose: '10 mg + 8 mg', route: 'IV push', start: '09:00' }])).not.toContain('missing-dose');
  });
});
