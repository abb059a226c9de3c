import { parseDose, type Dose } from './dose';

const dose = (p: Partial<Dose>): Dose => ({ amount: null, bagMl: null, rateMlPerHour: null, kvo: false, unitlessValue: null, ...p });
const mg = (value: number) => ({ value, dim: 'mass' as const });
const ml = (value: number) => ({ value, dim: 'volume' as const });

describe('parseDose accepts', () => {
  test.each<[unknown, Dose]>([
    ['1 g', dose({ amount: mg(1000) })],
    ['1g', dose({ amount: mg(1000) })],
    ['1 gm', dose({ amount: mg(1000) })],
    ['2 grams', dose({ amount: mg(2000) })],
    ['500 mg', dose({ amount: mg(500) })],
    ['.5 mg', dose({ amount: mg(0.5) })],
    ['0.5mg', dose({ amount: mg(0.5) })],
    ['1.125 g', dose({ amount: mg(1125) })],
    ['1000 mcg', dose({ amount: mg(1) })],
    ['100 ug', dose({ amount: mg(0.1) })],
    ['100 µg', dose({ amount: mg(0.1) })],
    ['250 micrograms', dose({ amount: mg(0.25) })],
    ['1000 mL', dose({ amount: ml(1000), bagMl: 1000 })],
    ['1,000 mL', dose({ amount: ml(1000), bagMl: 1000 })],
    // Decimal commas and spaced thousands (read before as `5 g` and `000 mg`, billed 20 units and none).
    ['1,5 g', dose({ amount: mg(1500) })],
    ['10,00 mg', dose({ amount: mg(10) })],
    ['1 000 mg', dose({ amount: mg(1000) })],
    // Two vials of one dose, joined as a total.
    ['0.5 g + 0.5 g', dose({ amount: mg(1000) })],
    ['1 g + 500 mg', dose({ amount: mg(1500) })],
    ['500 mg and 500 mg', dose({ amount: mg(1000) })],
    ['1000 ml', dose({ amount: ml(1000), bagMl: 1000 })],
    ['50 cc', dose({ amount: ml(50), bagMl: 50 })],
    ['1 L', dose({ amount: ml(1000), bagMl: 1000 })],
    ['1.5 liters', dose({ amount: ml(1500), bagMl: 1500 })],
    ['5000 units', dose({ amount: { value: 5000, dim: 'units' } })],
    ['1 unit', dose({ amount: { value: 1, dim: 'units' } })],
    ['10 u', dose({ amount: { value: 10, dim: 'units' } })],
    ['10 IU', dose({ amount: { value: 10, dim: 'units' } })],
    ['20 mEq', dose({ amount: { value: 20, dim: 'meq' } })],
    ['20 meq', dose({ amount: { value: 20, dim: 'meq' } })],
    ['8 mg in 50 mL', dose({ amount: mg(8), bagMl: 50 })],
    ['8mg/50mL', dose({ amount: mg(8), bagMl: 50 })],
    ['8 mg in 50 mL NS', dose({ amount: mg(8), bagMl: 50 })],
    ['20 mEq KCl / 1000 mL', dose({ amount: { value: 20, dim: 'meq' }, bagMl: 1000 })],
    ['1000 mL at 20 mL/hr', dose({ amount: ml(1000), bagMl: 1000, rateMlPerHour: 20 })],
    ['1000 mL at 20 mL/hr (KVO)', dose({ amount: ml(1000), bagMl: 1000, rateMlPerHour: 20, kvo: true })],
    ['1000 mL @ 125 ml/hr', dose({ amount: ml(1000), bagMl: 1000, rateMlPerHour: 125 })],
    ['500 mL 20 mL/h TKO', dose({ amount: ml(500), bagMl: 500, rateMlPerHour: 20, kvo: true })],
    ['250 mL keep vein open', dose({ amount: ml(250), bagMl: 250, kvo: true })],
    ['2 g in 100 mL at 200 mL/hr', dose({ amount: mg(2000), bagMl: 100, rateMlPerHour: 200 })],
    ['10 mg/hr x 2 h', dose({ amount: mg(20) })],
    ['10 mg/hr x 2 hours', dose({ amount: mg(20) })],
    ['10 mg/hr for 90 min', dose({ amount: mg(15) })],
    ['10 mg per hour over 30 minutes', dose({ amount: mg(5) })],
    ['10 mg/hr (20 mg)', dose({ amount: mg(20) })],
    ['125 mL/hr x 2 h', dose({ amount: ml(250), rateMlPerHour: 125 })],
    ['@ 125 ml/hr', dose({ rateMlPerHour: 125 })],
    ['20 mL/hr KVO', dose({ rateMlPerHour: 20, kvo: true })],
    ['30 mg/kg x 70 kg', dose({ amount: mg(2100) })],
    ['5 mcg/kg/min x 80 kg for 60 min', dose({ amount: mg(24) })],
    ['375 mg/m2 x 1.8 m2', dose({ amount: mg(675) })],
    ['2 mg/mL x 5 mL', dose({ amount: mg(10), bagMl: 5 })],
    ['4 mg (2 mL)', dose({ amount: mg(4), bagMl: 2 })],
    ['1 g (1000 mg)', dose({ amount: mg(1000) })],
    ['1 g IVPB', dose({ amount: mg(1000) })],
    ['NS 1000 mL bolus', dose({ amount: ml(1000), bagMl: 1000 })],
    ['0.9% NaCl 1000 mL', dose({ amount: ml(1000), bagMl: 1000 })],
    ['D5W 500 mL', dose({ amount: ml(500), bagMl: 500 })],
    ['1 g q8h', dose({ amount: mg(1000) })],
    ['0 mg', dose({ amount: mg(0) })],
    ['4', dose({ unitlessValue: 4 })],
    ['4.5', dose({ unitlessValue: 4.5 })],
    [4, dose({ unitlessValue: 4 })],
    [0, dose({ unitlessValue: 0 })],
    [{ formula: 'A1', result: '8 mg' }, dose({ amount: mg(8) })],
  ])('%p', (v, expected) => {
    expect(parseDose(v)).toEqual({ ok: true, value: expected });
  });
});

describe('a rate without its own duration', () => {
  test('uses durationMinutes', () => {
    expect(parseDose('10 mg/hr', 90)).toEqual({ ok: true, value: dose({ amount: mg(15) }) });
    expect(parseDose('10 mg/hr', 30)).toEqual({ ok: true, value: dose({ amount: mg(5) }) });
    expect(parseDose('100 units/hr in 250 mL', 120)).toEqual({ ok: true, value: dose({ amount: { value: 200, dim: 'units' }, bagMl: 250 }) });
  });
  test('a duration in the text wins over durationMinutes', () => {
    expect(parseDose('10 mg/hr x 2 h', 30)).toEqual({ ok: true, value: dose({ amount: mg(20) }) });
  });
  test.each([undefined, null, 0, -5, NaN])('fails without usable minutes (%p)', (minutes) => {
    const r = parseDose('10 mg/hr', minutes);
    expect(r.ok).toBe(false);
    if (!r.ok && !r.blank) expect(r.message).toMatch(/^'10 mg\/hr' is not a dose \(it is a rate per hour/);
  });
});

describe('parseDose rejects', () => {
  test.each<[unknown, string]>([
    ['two vials', "'two vials' is not a dose"],
    ['1 vial', "'1 vial' is not a dose (no unit: write mg, g, mcg, mL, units or mEq)"],
    ['30 mg/kg', "'30 mg/kg' is not a dose (it is per kg and no weight is given)"],
    ['375 mg/m2', "'375 mg/m2' is not a dose (it is per m² and no body surface area is given)"],
    ['2-4 mg', "'2-4 mg' is not a dose (a range is not a dose)"],
    ['2 to 4 mg', "'2 to 4 mg' is not a dose (a range is not a dose)"],
    ['-5 mg', "'-5 mg' is not a dose (a dose cannot be negative)"],
    ['2 mg/mL', "'2 mg/mL' is not a dose (a concentration needs the volume given)"],
    ['abc', "'abc' is not a dose"],
    ['1/2 g', "'1/2 g' is not a dose (write a fraction as a decimal (0.5 g))"],
    ['1 1/2 g', "'1 1/2 g' is not a dose (write a fraction as a decimal (0.5 g))"],
    ['1 g, 500 mg', "'1 g, 500 mg' is not a dose (it holds several amounts: write the total dose given)"],
    ['2 h', "'2 h' is not a dose"],
    [-1, "'-1' is not a dose (a dose cannot be negative)"],
    [NaN, "'NaN' is not a dose"],
    [Infinity, "'Infinity' is not a dose"],
    [1e12, "'1000000000000' is not a dose (the number is too large)"],
    ['99999999999 mg', "'99999999999 mg' is not a dose (the number is too large)"],
    [true, "'true' is not a dose"],
    [new Date(0), "'1970-01-01' is not a dose"],
    [{ a: 1 }, '\'{"a":1}\' is not a dose'],
  ])('%p', (v, message) => {
    expect(parseDose(v)).toEqual({ ok: false, blank: false, message });
  });

  test.each([null, undefined, '', '  ', 'N/A', '#N/A', 'none', { error: '#N/A' }])('%p is blank', (v) => {
    expect(parseDose(v)).toEqual({ ok: false, blank: true });
  });
});
