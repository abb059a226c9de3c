/**
 * The custom functions called directly, as Excel calls them: arguments as 2-D arrays (a cell is [[v]]),
 * omitted optional arguments as null, with a stub of the CustomFunctions runtime (its Error class and
 * ErrorCode enum). Single lines, columns of lines, whole blocks, and the error values with their messages.
 */
import fc from 'fast-check';

class StubError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}
const associate = jest.fn();
(globalThis as Record<string, unknown>).CustomFunctions = {
  Error: StubError,
  ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A' },
  associate,
};

// Loaded after the stub is in place (imports would be hoisted above it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const f = require('./functions') as typeof import('./functions');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ctx = require('../runtime/functionContext') as typeof import('../runtime/functionContext');

/** An omitted optional argument, as Excel passes it (the declared type has no null). */
const OMITTED = null as unknown as unknown[][];
/** A cell as Excel passes it. */
const c = (v: unknown) => [[v]];
/** A column of cells. */
const col = (...vs: unknown[]) => vs.map((v) => [v]);

/** The error a call throws (fails the test when it returns instead). */
function thrown(call: () => unknown): StubError {
  try {
    const value = call();
    throw new Error(`expected an error, got ${JSON.stringify(value)}`);
  } catch (error) {
    if (!(error instanceof StubError)) throw error;
    return error;
  }
}

/** INFUSIONCODES on one line given as plain values. */
function codes(start: unknown, stop?: unknown, route?: unknown, purpose?: unknown, drug?: unknown, setting?: unknown) {
  const arg = (v: unknown) => (v === undefined ? OMITTED : c(v));
  return f.infusionCodes(c(start), arg(stop), arg(route), arg(purpose), arg(drug), arg(setting));
}

afterEach(() => {
  ctx.resetFunctionContext();
});

describe('registration', () => {
  test('every function is associated with its functions.json id', () => {
    const ids = associate.mock.calls.map((call) => call[0]).sort();
    expect(ids).toEqual(['HCPCSCODE', 'HCPCSUNITS', 'INFUSIONCODES', 'INFUSIONEXPLAIN', 'INFUSIONFLAGS', 'INFUSIONMINUTES']);
    for (const [, fn] of associate.mock.calls) expect(typeof fn).toBe('function');
  });
});

describe('INFUSIONCODES, one line', () => {
  test.each([
    ['a 14-minute "infusion" is a push', ['09:30', '09:44', 'IV infusion', 'therapeutic', 'ceftriaxone'], '96374'],
    ['16 minutes is an infusion', ['09:30', '09:46', 'IV infusion', 'therapeutic', 'ceftriaxone'], '96365'],
    ['90 minutes: the first hour only', ['09:00', '10:30', 'IV infusion', 'therapeutic', 'vancomycin'], '96365'],
    ['91 minutes: one additional hour', ['09:00', '10:31', 'IV infusion', 'therapeutic', 'vancomycin'], '96365; 96366'],
    ['151 minutes: two additional hours', ['09:00', '11:31', 'IV infusion', 'therapeutic', 'Gammagard'], '96365; 96366 x2'],
    ['office setting', ['13:00', '13:31', 'IV infusion', 'therapeutic', 'cefazolin', 'office'], '96365'],
    ['IV push needs only a start', ['09:00', null, 'IV push', 'therapeutic', 'ondansetron'], '96374'],
    ['IM injection', ['09:00', null, 'IM', null, 'ceftriaxone'], '96372'],
    ['SQ injection', ['10:15', null, 'SQ', null, 'denosumab'], '96372'],
    ['complex drug: chemotherapy family', ['09:00', '11:00', 'IV infusion', null, 'infliximab'], '96413; 96415'],
    ['hydration 31 minutes', ['09:00', '09:31', 'IV infusion', 'hydration', 'normal saline'], '96360'],
    ['hydration 30 minutes earns nothing', ['09:00', '09:30', 'IV infusion', 'hydration', 'normal saline'], ''],
    ['hydration across midnight (180 min)', ['23:00', '02:00', 'IV infusion', 'hydration', 'NS 1000 mL'], '96360; 96361 x2'],
  ])('%s', (_title, args, expected) => {
    expect(codes(...(args as [unknown, unknown, unknown, unknown, unknown, unknown]))).toEqual([[expected]]);
  });

  test('Excel serial times, text times and clock numbers give the same codes', () => {
    const expected = [['96365; 96366']];
    expect(codes(0.375, 10.5 / 24 + 1 / 1440, 'IV infusion', 'therapeutic', 'vancomycin')).toEqual(expected);
    expect(codes('9:00 AM', '10:31 AM', 'IV infusion', 'therapeutic', 'vancomycin')).toEqual(expected);
    expect(codes('0900', '1031', 'IV infusion', 'therapeutic', 'vancomycin')).toEqual(expected);
    expect(codes(900, 1031, 'IV infusion', 'therapeutic', 'vancomycin')).toEqual(expected);
    expect(codes('09:00:00', '10:31:00', 'IVPB', 'therapeutic', 'Vancocin')).toEqual(expected);
    // Date-time cells (serial day + fraction), as an EHR export with full timestamps gives them.
    expect(codes(46083.375, 46083.375 + 91 / 1440, 'IV infusion', 'therapeutic', 'vancomycin')).toEqual(expected);
  });

  test('date-times across midnight count the minutes between them', () => {
    expect(codes(46083 + 23 / 24, 46084 + 2 / 24, 'IV infusion', 'hydration', 'NS 1000 mL')).toEqual([['96360; 96361 x2']]);
    expect(f.infusionMinutes(c(46083 + 23 / 24), c(46084 + 2 / 24))).toEqual([[180]]);
  });

  test('a scalar argument works as well as a 1x1 range (calls from code)', () => {
    expect(f.infusionCodes('09:00' as never, '10:31' as never, 'IV infusion' as never)).toEqual([['96365; 96366']]);
  });

  test('blank cells are accepted: an all-blank line is empty text', () => {
    expect(codes('', '', '', '', '', '')).toEqual([['']]);
    expect(codes(null)).toEqual([['']]);
    expect(f.infusionCodes(c(''))).toEqual([['']]);
  });

  test('a missing stop time on an infusion is coded as a push (default option), not an error', () => {
    expect(codes('09:00', '', 'IV infusion', 'therapeutic', 'ceftriaxone')).toEqual([['96374']]);
  });
});

describe('INFUSIONCODES, errors a biller understands', () => {
  test("an unreadable stop time: #VALUE! naming the stop time and the value", () => {
    const error = thrown(() => codes('09:00', '25:99', 'IV infusion'));
    expect(error.code).toBe('#VALUE!');
    expect(error.message).toMatch(/stop time '25:99' is not a time/i);
  });

  test('an unreadable start time', () => {
    const error = thrown(() => codes('9:75', '10:00'));
    expect(error.code).toBe('#VALUE!');
    expect(error.message).toMatch(/start time '9:75' is not a time/i);
  });

  test('a stop before the start that is not a midnight crossing', () => {
    const error = thrown(() => codes('09:00', '08:00', 'IV infusion'));
    expect(error.code).toBe('#VALUE!');
    expect(error.message).toMatch(/before start time/i);
  });

  test('an unknown setting', () => {
    const error = thrown(() => codes('09:00', '10:00', 'IV infusion', 'therapeutic', 'ceftriaxone', 'moon base'));
    expect(error.code).toBe('#VALUE!');
    expect(error.message).toMatch(/setting 'moon base' is not recognised: write facility or office/i);
  });

  test('an unknown route', () => {
    const error = thrown(() => codes('09:00', '10:00', 'by carrier pigeon', 'therapeutic', 'ceftriaxone'));
    expect(error.code).toBe('#VALUE!');
    expect(error.message).toBe("Route 'by carrier pigeon' is not recognised: write IV infusion, IV push, IM or SQ");
  });

  test('a route without an administration code (oral) is not an error: nothing billable', () => {
    expect(codes('09:00', '', 'PO', 'therapeutic', 'ondansetron')).toEqual([['']]);
  });

  test('messages are plain sentences: no stack traces, no "undefined"', () => {
    for (const call of [() => codes('09:00', '25:99'), () => codes('abc', '10:00'), () => codes(true, false, 'IV infusion')]) {
      const error = thrown(call);
      expect(error.message).not.toMatch(/undefined|at .*\(|TypeError/);
      expect((error.message ?? '').length).toBeLessThan(256);
    }
  });

  test('ranges of different sizes for the line form', () => {
    const error = thrown(() => f.infusionCodes(col('09:00', '10:00'), col('09:30', '10:30', '11:30')));
    expect(error.code).toBe('#VALUE!');
    expect(error.message).toMatch(/same size/);
  });

  test('never an unhandled exception: any mix of values returns a value or a CustomFunctions.Error', () => {
    const cell = fc.oneof(
      fc.string(),
      fc.double({ noNaN: false }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(''),
      fc.constantFrom('09:30', '25:99', '2359', '9:30 PM', 'IV push', 'IM', 'hydration', 'ceftriaxone', 'office', '1e308'),
    );
    fc.assert(
      fc.property(fc.array(cell, { minLength: 6, maxLength: 6 }), (args) => {
        for (const fn of [f.infusionCodes, f.infusionFlags, f.infusionExplain]) {
          try {
            const out = fn(c(args[0]), c(args[1]), c(args[2]), c(args[3]), c(args[4]), c(args[5]));
            expect(Array.isArray(out)).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(StubError);
          }
        }
        for (const fn of [f.infusionMinutes, f.hcpcsCode, f.hcpcsUnits]) {
          try {
            fn(c(args[0]), c(args[1]));
          } catch (error) {
            expect(error).toBeInstanceOf(StubError);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('INFUSIONCODES, a column of lines in one call', () => {
  test('each line is coded on its own; single-cell arguments repeat', () => {
    const out = f.infusionCodes(
      col('09:00', '13:00', '09:30', ''),
      col('10:31', '13:31', '09:44', ''),
      c('IV infusion'),
      c('therapeutic'),
      col('vancomycin', 'cefazolin', 'ceftriaxone', ''),
    );
    expect(out).toEqual([['96365; 96366'], ['96365'], ['96374'], ['']]);
  });

  test('a drug given as one cell repeats down the lines but fills none: rows without a time stay empty', () => {
    expect(f.infusionCodes(col('09:00', '', ''), OMITTED, c('IV push'), OMITTED, c('ondansetron'))).toEqual([['96374'], [''], ['']]);
    expect(f.infusionFlags(col('', '', ''), col('', '', ''), c('IVPB'), OMITTED, c('Rocephin'))).toEqual([[''], [''], ['']]);
  });

  test('an explanation longer than a cell holds is cut to 32,767 characters', () => {
    const drug = `${'x'.repeat(17000)} `.repeat(2);
    const out = f.infusionExplain(c('09:00'), c('10:31'), c('IV infusion'), c('therapeutic'), c(drug));
    expect(typeof out[0][0]).toBe('string');
    expect((out[0][0] as string).length).toBeLessThanOrEqual(32767);
  });

  test('a bad line gets its own error; the others are still coded', () => {
    const out = f.infusionCodes(col('09:00', '09:00'), col('10:31', '25:99'), c('IV infusion'));
    expect(out[0][0]).toBe('96365; 96366');
    expect(out[1][0]).toBeInstanceOf(StubError);
    expect((out[1][0] as StubError).message).toMatch(/stop time '25:99'/i);
  });
});

describe('INFUSIONCODES, a block', () => {
  const HEADER = ['Encounter', 'DOS', 'Drug', 'Dose', 'Route', 'Type', 'Start', 'Stop', 'Site', 'Dx', 'Necessity'];
  const NEED = 'Sepsis, IV antibiotics';
  const D = '3/2/2026';
  const ROWS = [
    ['E1', D, 'vancomycin', '1.75 g', 'IV infusion', 'therapeutic', '09:00', '10:31', 'L forearm', 'A41.9', NEED],
    ['E1', D, 'ondansetron', '4 mg', 'IV push', 'therapeutic', '10:40', '', 'L forearm', 'R11.2', 'Nausea'],
    ['E2', D, 'ceftriaxone', '1 g', 'IV infusion', 'therapeutic', '09:30', '09:44', 'R hand', 'N39.0', 'UTI'],
    ['E3', D, 'ceftriaxone', '1 g', 'IV infusion', 'therapeutic', '08:00', '', 'R hand', '', ''],
  ];

  test('the header row in the block: titles on that row, one result row per input row', () => {
    const out = f.infusionCodes([HEADER, ...ROWS]);
    expect(out).toHaveLength(ROWS.length + 1);
    expect(out[0]).toEqual(['CPT', 'HCPCS', 'Modifiers', 'Status', 'Findings']);
    for (const row of out) expect(row).toHaveLength(5);
    // E1: the infusion is the initial service, the push of a new drug after it is 96375.
    expect(out[1][0]).toBe('96365; 96366');
    expect(out[1][1]).toBe('J3370 x4');
    expect(out[2][0]).toBe('96375');
    expect(out[2][1]).toBe('J2405 x4');
    // E2: a 14-minute "infusion" is a push; 1 g ceftriaxone is J0696 x4.
    expect(out[3][0]).toBe('96374');
    expect(out[3][1]).toBe('J0696 x4');
    expect(out[3][3]).toBe('OK');
    expect(out[3][4]).toBe('');
    // E3: documentation gaps are findings with status Error, not a failed formula.
    expect(out[4][3]).toBe('Error');
    expect(out[4][4]).toEqual(expect.stringContaining('missing-stop-time'));
    expect(out[4][4]).toEqual(expect.stringContaining('missing-diagnosis'));
    expect(out[4][4]).toEqual(expect.stringContaining('missing-necessity'));
  });

  test('the header row as the second argument: every block row is data', () => {
    const out = f.infusionCodes(ROWS, [HEADER]);
    expect(out).toHaveLength(ROWS.length);
    expect(out[0][0]).toBe('96365; 96366');
    expect(out[2][0]).toBe('96374');
  });

  test('a header given as whole columns (A:H, a million rows, the data included) is its header row: no internal error, no data twice', () => {
    const header: unknown[][] = [HEADER, ...ROWS];
    for (let i = header.length; i < 1048576; i++) header.push([]);
    const out = f.infusionCodes([ROWS[0]], header);
    expect(out[0][0]).toBe('96365; 96366');
    expect(out[0][1]).toBe('J3370 x4');
  });

  test('a header argument narrower than the table is a #VALUE! naming both widths, not findings on unnamed columns', () => {
    expect(() => f.infusionCodes(ROWS, [HEADER.slice(0, 4)])).toThrow(expect.objectContaining({ code: '#VALUE!', message: expect.stringMatching(/header row has 4 columns and the table 11/) }));
  });

  test('title rows above the header and blank rows inside get blank result rows', () => {
    const blank = HEADER.map(() => '');
    const title = ['Infusion log, March 2026', ...HEADER.slice(1).map(() => '')];
    const out = f.infusionCodes([title, blank, HEADER, ROWS[0], blank, ROWS[2]]);
    expect(out).toHaveLength(6);
    expect(out[0]).toEqual(['', '', '', '', '']);
    expect(out[1]).toEqual(['', '', '', '', '']);
    expect(out[2][0]).toBe('CPT');
    expect(out[3][0]).toBe('96365; 96366');
    expect(out[4]).toEqual(['', '', '', '', '']);
    expect(out[5][0]).toBe('96374');
  });

  test('other header spellings, Excel serial times and brand names', () => {
    const header = ['Visit #', 'Service Date', 'Medication', 'Amount', 'Admin Route', 'Infusion Type', 'Time In', 'Time Out', 'ICD-10', 'Medical Necessity'];
    const rows = [['V9', 46083, 'Rocephin', '1 g', 'IVPB', 'therapeutic', 0.375, 0.375 + 91 / 1440, 'N39.0', 'UTI']];
    const out = f.infusionCodes([header, ...rows]);
    expect(out[1][0]).toBe('96365; 96366');
    expect(out[1][1]).toBe('J0696 x4');
  });

  test('modifier 59 for a second access site that overlaps the first', () => {
    const rows = [
      ['E5', D, 'vancomycin', '1 g', 'IV infusion', 'therapeutic', '09:00', '10:00', 'L forearm', 'A41.9', NEED],
      ['E5', D, 'cefazolin', '2 g', 'IV infusion', 'therapeutic', '09:10', '09:50', 'R hand', 'A41.9', NEED],
    ];
    const out = f.infusionCodes([HEADER, ...rows]);
    expect(out[2][0]).toMatch(/-59/);
    expect(out[2][2]).toContain('59');
  });

  test('a block without a recognisable header row: #VALUE! saying how to fix it', () => {
    const error = thrown(() => f.infusionCodes(ROWS));
    expect(error.code).toBe('#VALUE!');
    expect(error.message).toMatch(/header row/i);
    expect(error.message).toMatch(/second argument/i);
  });

  test('a header argument that names no known columns', () => {
    const error = thrown(() => f.infusionCodes(ROWS, [['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k']]));
    expect(error.code).toBe('#VALUE!');
    expect(error.message).toMatch(/header row names too few known columns/i);
  });

  test('line-form arguments after a block are refused', () => {
    const error = thrown(() => f.infusionCodes([HEADER, ...ROWS], OMITTED, c('IV push')));
    expect(error.message).toMatch(/remove the route argument/);
  });

  test('INFUSIONFLAGS and INFUSIONEXPLAIN spill one column per block row', () => {
    const flags = f.infusionFlags([HEADER, ...ROWS]);
    expect(flags.map((r) => r.length)).toEqual([1, 1, 1, 1, 1]);
    expect(flags[0][0]).toBe('Findings');
    expect(flags[4][0]).toContain('missing-stop-time');
    const why = f.infusionExplain([HEADER, ...ROWS]);
    expect(why[0][0]).toBe('Explanation');
    expect(why[1][0]).toMatch(/96366/);
  });
});

describe('INFUSIONMINUTES', () => {
  test.each([
    ['09:00', '10:31', 91],
    ['23:00', '02:00', 180],
    ['9:30 PM', '12:15 AM', 165],
    ['0930', '0944', 14],
    [0.375, 0.375 + 91 / 1440, 91],
    ['2026-03-02 23:30', '2026-03-03 01:00', 90],
    ['09:00', '09:00', 0],
  ])('%p to %p is %p minutes', (start, stop, minutes) => {
    expect(f.infusionMinutes(c(start), c(stop))).toEqual([[minutes]]);
  });

  test('blank start or stop gives empty text', () => {
    expect(f.infusionMinutes(c(''), c('10:00'))).toEqual([['']]);
    expect(f.infusionMinutes(c('09:00'), c(null))).toEqual([['']]);
  });

  test('a column of starts beside a column of stops', () => {
    expect(f.infusionMinutes(col('09:00', '23:00', ''), col('10:31', '02:00', ''))).toEqual([[91], [180], ['']]);
  });

  test('errors', () => {
    expect(thrown(() => f.infusionMinutes(c('09:00'), c('25:99'))).message).toMatch(/stop time '25:99' is not a time/i);
    expect(thrown(() => f.infusionMinutes(c('lunch'), c('10:00'))).message).toMatch(/start time 'lunch' is not a time/i);
    const back = thrown(() => f.infusionMinutes(c('09:00'), c('08:00')));
    expect(back.code).toBe('#VALUE!');
    expect(back.message).toMatch(/before start time '09:00'/);
  });

  test('agrees with the minutes the rules compute for the same line', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 1439 }), (a, b) => {
        const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        let ours: unknown;
        try {
          ours = f.infusionMinutes(c(hhmm(a)), c(hhmm(b)))[0][0];
        } catch {
          ours = null;
        }
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { codeRows } = require('../rules') as typeof import('../rules');
        const rules = codeRows([{ row: 1, values: { start: hhmm(a), stop: hhmm(b), route: 'IV infusion' } }]).rows[0].minutes;
        expect(ours).toBe(rules);
      }),
      { numRuns: 200 },
    );
  });
});

describe('HCPCSCODE', () => {
  test.each([
    ['ceftriaxone', null, 'J0696'],
    ['Rocephin', null, 'J0696'],
    ['Zofran', null, 'J2405'],
    ['infliximab', null, 'J1745'],
    ['normal saline', '500 mL', 'J7040'],
    ['normal saline', '1000 mL', 'J7030'],
    ['NS 250', null, 'J7050'],
    ['ceftriaxone', '1 g', 'J0696'],
  ])('%s %s -> %s', (drug, dose, code) => {
    expect(f.hcpcsCode(c(drug), dose === null ? OMITTED : c(dose))).toEqual([[code]]);
  });

  test('a drug that is not in the catalog: #N/A with the name', () => {
    const error = thrown(() => f.hcpcsCode(c('unobtainium')));
    expect(error.code).toBe('#N/A');
    expect(error.message).toMatch(/'unobtainium' is not in the drug catalog/);
  });

  test('blank drug gives empty text', () => {
    expect(f.hcpcsCode(c(''))).toEqual([['']]);
  });

  test('a column of drugs', () => {
    expect(f.hcpcsCode(col('ceftriaxone', 'Zofran', ''))).toEqual([['J0696'], ['J2405'], ['']]);
  });
});

describe('HCPCSUNITS', () => {
  test.each([
    ['ceftriaxone', '1 g', 4],
    ['vancomycin', '1.75 g', 4],
    ['cefazolin', '2 g', 4],
    ['morphine', '4 mg', 1],
    ['infliximab', '350 mg', 35],
    ['meropenem', '1 g', 10],
    ['ondansetron', '8 mg in 50 mL', 8],
    ['normal saline', '2000 mL', 2],
  ])('%s %s -> %p units', (drug, dose, units) => {
    expect(f.hcpcsUnits(c(drug), c(dose))).toEqual([[units]]);
  });

  test('one dose cell beside a column of drugs is repeated down it (it was #VALUE! on every row)', () => {
    expect(f.hcpcsUnits([['ceftriaxone'], ['cefazolin']], c('1 g'))).toEqual([[4], [2]]);
    expect(f.hcpcsCode([['normal saline'], ['D5W']], c('500 mL'))).toEqual([['J7040'], ['J7060']]);
  });

  test('an unreadable dose: #VALUE! naming the dose', () => {
    const error = thrown(() => f.hcpcsUnits(c('ceftriaxone'), c('two vials')));
    expect(error.code).toBe('#VALUE!');
    expect(error.message).toMatch(/two vials/);
  });

  test('an unknown drug: #N/A', () => {
    expect(thrown(() => f.hcpcsUnits(c('unobtainium'), c('1 g'))).code).toBe('#N/A');
  });

  test('a dose in a measure the code is not billed in: #VALUE!', () => {
    const error = thrown(() => f.hcpcsUnits(c('ceftriaxone'), c('5 mL')));
    expect(error.code).toBe('#VALUE!');
    expect(error.message).toMatch(/5 mL/);
  });

  test('a dose without its unit is not billed on a guess', () => {
    const error = thrown(() => f.hcpcsUnits(c('ceftriaxone'), c(4)));
    expect(error.code).toBe('#VALUE!');
    expect(error.message).toBe("Dose '4' has no unit: write it with its unit, for example '4 mg'");
  });

  test('a solution split over bag sizes: units per code', () => {
    expect(f.hcpcsUnits(c('normal saline'), c('1500 mL'))).toEqual([['J7030 x1; J7040 x1']]);
    expect(f.hcpcsCode(c('normal saline'), c('1500 mL'))).toEqual([['J7030; J7040']]);
  });

  test('a column of drugs and doses', () => {
    expect(f.hcpcsUnits(col('ceftriaxone', 'Zofran', ''), col('1 g', '8 mg', ''))).toEqual([[4], [8], ['']]);
  });

  test('blank dose or drug gives empty text', () => {
    expect(f.hcpcsUnits(c('ceftriaxone'), c(''))).toEqual([['']]);
    expect(f.hcpcsUnits(c(''), c(''))).toEqual([['']]);
  });
});

describe('INFUSIONFLAGS and INFUSIONEXPLAIN, one line', () => {
  test('finding ids, comma-separated', () => {
    expect(f.infusionFlags(c('09:00'), c(''), c('IV infusion'), c('therapeutic'), c('ceftriaxone'))).toEqual([['missing-stop-time']]);
    expect(f.infusionFlags(c('09:00'), c('10:00'), c(''), c('therapeutic'), c('ceftriaxone'))[0][0]).toContain('missing-route');
    expect(f.infusionFlags(c('09:00'), c('10:00'), c('IV infusion'), c('therapeutic'), c('unobtainium'))[0][0]).toContain('unknown-drug');
  });

  test('an unreadable time is a flag here, not an error', () => {
    expect(f.infusionFlags(c('09:00'), c('25:99'), c('IV infusion'))[0][0]).toContain('unparseable-time');
  });

  test('a clean line has no flags; documentation columns the line form lacks are not flagged', () => {
    expect(f.infusionFlags(c('09:00'), c('10:31'), c('IV infusion'), c('therapeutic'), c('vancomycin'))).toEqual([['']]);
  });

  test('hydration too short to earn a code', () => {
    const out = f.infusionFlags(c('09:00'), c('09:30'), c('IV infusion'), c('hydration'), c('normal saline'));
    expect(out[0][0]).toContain('below-threshold');
  });

  test('the explanation names the code and the minutes', () => {
    const [[text]] = f.infusionExplain(c('09:00'), c('10:35'), c('IV infusion'), c('therapeutic'), c('vancomycin'));
    expect(text).toMatch(/96365/);
    expect(text).toMatch(/96366/);
    expect(text).toMatch(/95/);
  });

  test('an explanation of a line with problems says what blocks it', () => {
    const [[text]] = f.infusionExplain(c('09:00'), c('25:99'), c('IV infusion'));
    expect(text).toMatch(/25:99/);
  });
});

describe('the workbook context set by the task pane', () => {
  test('options: an infusion without a stop time is not coded when the option says so', () => {
    ctx.setFunctionContext({ options: { missingTimeInfusion: 'none' } });
    expect(codes('09:00', '', 'IV infusion', 'therapeutic', 'ceftriaxone')).toEqual([['']]);
    ctx.resetFunctionContext();
    expect(codes('09:00', '', 'IV infusion', 'therapeutic', 'ceftriaxone')).toEqual([['96374']]);
  });

  test('the default setting comes from the options', () => {
    ctx.setFunctionContext({ options: { setting: 'office' } });
    expect(ctx.getFunctionContext().options.setting).toBe('office');
  });

  test('damaged saved options fall back to the defaults field by field', () => {
    ctx.setFunctionContext({ options: { setting: 'spaceship', missingTimeInfusion: 'none' } });
    expect(ctx.getFunctionContext().options.setting).toBe('facility');
    expect(ctx.getFunctionContext().options.missingTimeInfusion).toBe('none');
  });

  test("the user's drug map: a new drug gets its code, units and class", () => {
    const entry = {
      name: 'zanolimab',
      synonyms: ['Zanovia'],
      hcpcs: 'J9999',
      unitAmount: 10,
      unitUom: 'mg' as const,
      unitKind: 'per' as const,
      drugClass: 'C' as const,
      antineoplastic: null,
      singleDose: false,
      effectiveFrom: null,
      effectiveTo: null,
      replaces: [],
      source: '',
      notes: '',
    };
    expect(thrown(() => f.hcpcsCode(c('Zanovia'))).code).toBe('#N/A');
    ctx.setFunctionContext({ catalog: [entry] });
    expect(f.hcpcsCode(c('Zanovia'))).toEqual([['J9999']]);
    expect(f.hcpcsUnits(c('zanolimab'), c('95 mg'))).toEqual([[10]]);
    expect(codes('09:00', '10:00', 'IV infusion', '', 'Zanovia')).toEqual([['96413']]);
    ctx.setFunctionContext({ catalog: null });
    expect(thrown(() => f.hcpcsCode(c('Zanovia'))).code).toBe('#N/A');
  });

  test("the user's MUE table replaces the built-in values", () => {
    const line = () => f.infusionFlags(c('09:00'), c('11:31'), c('IV infusion'), c('therapeutic'), c('vancomycin'))[0][0];
    expect(line()).not.toContain('mue-exceeded');
    ctx.setFunctionContext({ mue: new Map([['96366', 1]]) });
    expect(line()).toContain('mue-exceeded');
  });

  test('a second copy of the module (another webpack entry) sees the context the task pane set', () => {
    ctx.setFunctionContext({ options: { missingTimeInfusion: 'none' } });
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const copy = require('../runtime/functionContext') as typeof import('../runtime/functionContext');
      expect(copy).not.toBe(ctx);
      expect(copy.getFunctionContext().options.missingTimeInfusion).toBe('none');
      copy.setFunctionContext({ options: { setting: 'office' } });
    });
    expect(ctx.getFunctionContext().options.setting).toBe('office');
  });

  test('every change moves the generation on', () => {
    const before = ctx.getFunctionContext().generation;
    ctx.setFunctionContext({});
    expect(ctx.getFunctionContext().generation).toBe(before + 1);
  });
});
