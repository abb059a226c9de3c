import fc from 'fast-check';
import { ndcDigits, parseNdc, readNdc, resolveNdc } from './ndc';

describe('readNdc: the 11-digit 5-4-2 claim form', () => {
  test.each([
    ['4-4-2 pads the labeler', '0409-4888-02', '00409-4888-02'],
    ['4-4-2 with a labeler not starting with 0', '8290-3065-47', '08290-3065-47'],
    ['5-3-2 pads the product', '50242-051-21', '50242-0051-21'],
    ['5-4-1 pads the package', '63323-0262-1', '63323-0262-01'],
    ['5-4-2 stays', '00409-4888-02', '00409-4888-02'],
    ['11 digits unhyphenated', '00409488802', '00409-4888-02'],
    ['10 digits with a leading zero are 4-4-2', '0409488802', '00409-4888-02'],
    ['a number cell that lost its leading zero', 409488802, '00409-4888-02'],
    ['an 11-digit NDC kept as a number (Excel dropped its leading zeros)', 2143380, '00002-1433-80'],
    ['the same digits in a CSV Excel saved', '409488802', '00409-4888-02'],
    ['an N4 qualifier and spaces', 'N4 50242 051 21', '50242-0051-21'],
    ['an 837 NDC line with unit and quantity', 'N400409488802ML2', '00409-4888-02'],
    ['surrounding spaces', '  0069-1234-01 ', '00069-1234-01'],
    ['spaces around the hyphens', '0409 - 4888 - 02', '00409-4888-02'],
    ['dots between segments', '0409.4888.02', '00409-4888-02'],
    ['an asterisk in the product code (FDA placeholder, 5-3-2)', '12345-*678-90', '12345-0678-90'],
    ['an asterisk in the package code (5-4-1)', '12345-0678-*9', '12345-0678-09'],
    ['an asterisk before a four-digit labeler', '*0409-4888-02', '00409-4888-02'],
    ['the 12-digit 6-4-2 form of an existing NDC', '000409-4888-02', '00409-4888-02'],
    ['12 digits unhyphenated, labeler padded', '000409488802', '00409-4888-02'],
  ])('%s: %p -> %s', (_label, input, expected) => {
    expect(readNdc(input)).toEqual({ kind: 'ndc', ndc: expected });
    expect(parseNdc(input)).toEqual({ ok: true, value: expected });
  });

  test('10 digits without hyphens not starting with 0 fit three layouts: ambiguous, each reading listed', () => {
    expect(readNdc('5024205121')).toEqual({ kind: 'ambiguous', text: '5024205121', readings: ['05024-2051-21', '50242-0051-21', '50242-0512-01'] });
    expect(readNdc(5024205121)).toMatchObject({ kind: 'ambiguous', readings: ['05024-2051-21', '50242-0051-21', '50242-0512-01'] });
    const parsed = parseNdc('5024205121');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok && !parsed.blank) expect(parsed.message).toMatch(/could be 05024-2051-21, 50242-0051-21, 50242-0512-01; write it as printed/);
  });

  test.each([
    ['3-4-2 is no NDC shape', '409-4888-02', /3-4-2 is none of them/],
    ['letters', 'ABCD-1234-56', /not an NDC/],
    ['12 digits not starting with 0 (a UPC-A barcode number)', '304094888021', /not an NDC/],
    ['13 digits', '0004094888021', /not an NDC/],
    ['6-3-2 (a six-digit labeler)', '123456-123-12', /not an NDC/],
    ['6-4-2 with a six-digit labeler', '123456-1234-12', /six-digit labeler code/],
    ['two asterisks', '12345-*678-*9', /asterisk/],
    ['an asterisk that leaves a short segment', '12345-*67-90', /asterisk/],
    ['a fraction', 409488802.5, /number cell/],
    ['a negative number', -409488802, /number cell/],
    ['two segments', '12-34', /not an NDC/],
    ['5 digits', '12345', /not an NDC/],
    ['a 5-digit number', 12345, /not an NDC/],
  ])('%s: %p is refused with a message', (_label, input, message) => {
    const reading = readNdc(input);
    expect(reading.kind).toBe('invalid');
    if (reading.kind === 'invalid') expect(reading.message).toMatch(message);
  });

  test.each([null, undefined, '', '  ', 'N/A', '-'])('blank %p', (v) => {
    expect(readNdc(v)).toEqual({ kind: 'blank' });
    expect(parseNdc(v)).toEqual({ ok: false, blank: true });
  });
});

describe('resolveNdc: an ambiguous NDC settled by the crosswalk', () => {
  const crosswalk = (...ndcs: string[]) => (digits: string) => ndcs.map(ndcDigits).includes(digits);

  test('exactly one reading listed: that one', () => {
    expect(resolveNdc('5024205121', crosswalk('50242-0051-21'))).toEqual({ kind: 'ndc', ndc: '50242-0051-21' });
  });
  test('none or several listed: still ambiguous', () => {
    expect(resolveNdc('5024205121', crosswalk())).toMatchObject({ kind: 'ambiguous' });
    expect(resolveNdc('5024205121', crosswalk('50242-0051-21', '50242-0512-01'))).toMatchObject({ kind: 'ambiguous' });
  });
  test('anything else is read as readNdc reads it', () => {
    expect(resolveNdc('50242-051-21', crosswalk())).toEqual({ kind: 'ndc', ndc: '50242-0051-21' });
    expect(resolveNdc('x', crosswalk())).toMatchObject({ kind: 'invalid' });
  });
});

describe('readNdc properties', () => {
  const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
  /** A 5-4-2 NDC with the zero a 10-digit layout pads: labeler (4-4-2), product (5-3-2) or package (5-4-1). */
  const printed = fc.oneof(
    fc.tuple(digits(4), digits(4), digits(2)).map(([l, p, k]) => ({ printed: `${l}-${p}-${k}`, ndc: `0${l}-${p}-${k}` })),
    fc.tuple(digits(5), digits(3), digits(2)).map(([l, p, k]) => ({ printed: `${l}-${p}-${k}`, ndc: `${l}-0${p}-${k}` })),
    fc.tuple(digits(5), digits(4), digits(1)).map(([l, p, k]) => ({ printed: `${l}-${p}-${k}`, ndc: `${l}-${p}-0${k}` })),
  );
  const anyText = fc.oneof(
    fc.anything(),
    fc.string(),
    fc.stringMatching(/^[0-9 *.N-]{0,16}$/),
    fc.integer({ min: -1, max: 1e12 }),
    printed.map((p) => p.printed),
  );

  test('never throws, and every NDC it gives is 11 digits as 5-4-2', () => {
    fc.assert(
      fc.property(anyText, (v) => {
        const reading = readNdc(v);
        if (reading.kind === 'ndc') expect(reading.ndc).toMatch(/^\d{5}-\d{4}-\d{2}$/);
        if (reading.kind === 'ambiguous') for (const r of reading.readings) expect(r).toMatch(/^\d{5}-\d{4}-\d{2}$/);
        if (reading.kind === 'invalid') expect(reading.message).toMatch(/^'/);
      }),
      { numRuns: 2000 },
    );
  });

  test('normalising twice is normalising once (and the 11 digits read the same)', () => {
    fc.assert(
      fc.property(anyText, (v) => {
        const once = readNdc(v);
        if (once.kind !== 'ndc') return;
        expect(readNdc(once.ndc)).toEqual(once);
        expect(readNdc(ndcDigits(once.ndc))).toEqual(once);
      }),
      { numRuns: 2000 },
    );
  });

  test('a printed 10-digit NDC pads the segment its layout says', () => {
    fc.assert(
      fc.property(printed, ({ printed: text, ndc }) => {
        expect(readNdc(text)).toEqual({ kind: 'ndc', ndc });
      }),
    );
  });

  test('its 10 digits without hyphens: a leading 0 reads as 4-4-2, else ambiguous with the true NDC among the readings', () => {
    fc.assert(
      fc.property(printed, ({ printed: text, ndc }) => {
        const run = text.replace(/-/g, '');
        const reading = readNdc(run);
        if (run.startsWith('0')) expect(reading).toEqual({ kind: 'ndc', ndc: `0${run.slice(0, 4)}-${run.slice(4, 8)}-${run.slice(8)}` });
        else {
          expect(reading.kind).toBe('ambiguous');
          if (reading.kind === 'ambiguous') expect(reading.readings).toContain(ndc);
        }
      }),
    );
  });
});
