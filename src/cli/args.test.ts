import { parseCodeArgs } from './args';

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

  it.each([
    [[], /needs an input file/],
    [['a', 'b'], /one input file/],
    [['a', '--setting', 'home'], /facility, office/],
    [['a', '--map', 'colour=Red'], /unknown field 'colour'/],
    [['a', '--map', 'drug'], /field=Header/],
    [['a', '--out'], /needs a value/],
    [['a', '--frob'], /unknown option --frob/],
    [['a', '--json=yes'], /takes no value/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseCodeArgs(argv as string[])).toThrow(message);
    try {
      parseCodeArgs(argv as string[]);
    } catch (err) {
      expect((err as { exitCode: number }).exitCode).toBe(2);
    }
  });
});
