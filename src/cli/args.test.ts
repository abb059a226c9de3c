import { OPTION_DESCRIPTORS } from '../rules/options';
import { CODE_HELP, parseCodeArgs } from './args';

describe('parseCodeArgs', () => {
  it('reads the input, flags with values (both spellings) and repeated --map', () => {
    const a = parseCodeArgs([
      'in.xlsx', '--out', 'o.xlsx', '--sheet=Log', '--setting', 'Office', '--map', 'start=Time Begun', '--map', 'necessity=',
    ]);
    expect(a.input).toBe('in.xlsx');
    expect(a.out).toBe('o.xlsx');
    expect(a.sheet).toBe('Log');
    expect(a.options.setting).toBe('office');
    expect(a.map).toEqual({ start: 'Time Begun', necessity: '' });
  });

  it('maps the option flags onto the rules options', () => {
    const a = parseCodeArgs([
      'x.csv', '--payer', 'Aetna', '--site-modifier', 'xu', '--missing-time', 'none', '--electrolytes', 'therapeutic',
      '--jw-payers', 'Medicare, Medicare Advantage', '--no-sum-hydration', '--json', '-q', '--drug-map', 'm.csv', '--mue', 'mue.csv', '--not-complex', 'nc.csv',
    ]);
    expect(a.options).toEqual({
      defaultPayer: 'Aetna', separateSiteModifier: 'XU', missingTimeInfusion: 'none', electrolytes: 'therapeutic',
      jwJzPayers: ['Medicare', 'Medicare Advantage'], sumHydrationSegments: false,
    });
    expect(a.json).toBe(true);
    expect(a.quiet).toBe(true);
    expect(a.drugMap).toBe('m.csv');
    expect(a.mue).toBe('mue.csv');
    expect(a.notComplex).toBe('nc.csv');
  });

  it('has a flag for every coding option of RULES.md, each both ways', () => {
    const a = parseCodeArgs([
      'x.csv', '--encounter-modifier', 'XE', '--no-times', 'push', '--no-compute-stop', '--complex-injections', 'cpt-class-only',
      '--g0498-payers', 'Medicare', '--repeat-infusion', 'push-code', '--split-dose', 'per-syringe', '--list-flush-drugs', 'always',
    ]);
    expect(a.options).toEqual({
      separateEncounterModifier: 'XE', noTimesInfusion: 'push', computeStopFromRate: false, complexInjections: 'cpt-class-only',
      g0498Payers: ['Medicare'], repeatInfusion: 'push-code', splitDose: 'per-syringe', listFlushDrugs: 'always',
    });
    expect(parseCodeArgs(['x.csv', '--compute-stop', '--repeat-infusion=sum', '--list-flush-drugs', 'never']).options).toEqual({
      computeStopFromRate: true, repeatInfusion: 'sum', listFlushDrugs: 'never',
    });
    expect(() => parseCodeArgs(['x.csv', '--repeat-infusion', 'twice'])).toThrow(/interval, sum, push-code/);
  });

  it('lists every coding option in the help', () => {
    for (const d of OPTION_DESCRIPTORS) expect(CODE_HELP).toContain(d.flag);
  });

  it.each([
    [[], /needs an input file/],
    [['a', 'b'], /one input file/],
    [['a', '--setting', 'home'], /facility, office/],
    [['a', '--map', 'colour=Red'], /unknown field 'colour'/],
    [['a', '--map', 'drug'], /field=Header/],
    [['a', '--out'], /needs a value/],
    [['a', '--frob'], /unknown option --frob/],
    [['a', '--json=yes'], /takes no value/],
    [['a', '--asp', 'q1.csv', '--asp', 'q2.csv'], /--asp is given twice \(q1.csv, q2.csv\): an ASP file prices the dates of service of its quarter/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseCodeArgs(argv as string[])).toThrow(message);
    try {
      parseCodeArgs(argv as string[]);
    } catch (err) {
      expect((err as { exitCode: number }).exitCode).toBe(2);
    }
  });
});
