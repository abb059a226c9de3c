import { parseRate } from './rate';

describe('parseRate', () => {
  it.each([
    ['125 mL/hr', 125 / 60, 'volume', 125],
    ['125 ml/h', 125 / 60, 'volume', 125],
    ['@ 100 cc/hr', 100 / 60, 'volume', 100],
    ['1 L/hr', 1000 / 60, 'volume', 1000],
    ['250', 250 / 60, 'volume', 250],
    [80, 80 / 60, 'volume', 80],
    ['2 mg/min', 2, 'mass', null],
    ['10 units per hour', 10 / 60, 'units', null],
  ])('%p', (text, perMinute, dim, mlPerHour) => {
    const r = parseRate(text);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.perMinute).toBeCloseTo(perMinute as number, 6);
      expect(r.value.dim).toBe(dim);
      expect(r.value.mlPerHour === null ? null : Math.round(r.value.mlPerHour)).toBe(mlPerHour);
    }
  });
  it('a blank cell is blank; anything else unreadable says so', () => {
    expect(parseRate('')).toEqual({ ok: false, blank: true });
    expect(parseRate(null)).toEqual({ ok: false, blank: true });
    for (const bad of ['fast', '0 mL/hr', '-5', '12 mL/day', '5 mg/kg']) {
      const r = parseRate(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.blank).toBe(false);
    }
  });
});
