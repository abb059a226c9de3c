import { parseNdc } from './ndc';

describe('parseNdc: the 11-digit 5-4-2 claim form', () => {
  test.each([
    ['4-4-2 pads the labeler', '0409-4888-02', '00409-4888-02'],
    ['5-3-2 pads the product', '50242-051-21', '50242-0051-21'],
    ['5-4-1 pads the package', '63323-0262-1', '63323-0262-01'],
    ['5-4-2 stays', '00409-4888-02', '00409-4888-02'],
    ['11 digits unhyphenated', '00409488802', '00409-4888-02'],
    ['10 digits with a leading zero are 4-4-2', '0409488802', '00409-4888-02'],
    ['a number cell that lost its leading zero', 409488802, '00409-4888-02'],
    ['an N4 qualifier and spaces', 'N4 50242 051 21', '50242-0051-21'],
    ['surrounding spaces', '  0069-1234-01 ', '00069-1234-01'],
  ])('%s: %p -> %s', (_label, input, expected) => {
    expect(parseNdc(input)).toEqual({ ok: true, value: expected });
  });

  test.each([
    ['10 digits not starting with 0 are ambiguous', '5024205121', /5-3-2 or 5-4-1/],
    ['3-4-2 is no NDC shape', '409-4888-02', /not an NDC/],
    ['letters', 'ABCD-1234-56', /not an NDC/],
    ['too many digits', '004094888021', /not an NDC/],
    ['6-3-2', '123456-123-12', /not an NDC/],
  ])('%s: %p is refused with a message', (_label, input, message) => {
    const parsed = parseNdc(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok && !parsed.blank) expect(parsed.message).toMatch(message);
    else throw new Error('expected a message');
  });

  test.each([null, undefined, '', '  ', 'N/A'])('blank %p', (v) => {
    expect(parseNdc(v)).toEqual({ ok: false, blank: true });
  });
});
