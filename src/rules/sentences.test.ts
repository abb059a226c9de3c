import fc from 'fast-check';
import { joinSentences, keptCount, sentence, sentenceOf } from './sentences';

const value = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.constant(null), fc.constant(undefined));

describe('sentences kept once', () => {
  it('gives the text of the plain template literal, whatever the values', () => {
    fc.assert(
      fc.property(value, value, value, (a, b, c) => {
        expect(sentence`${a} x${b}: ${c} min.`).toBe(`${a} x${b}: ${c} min.`);
        expect(sentence`${a}${b}`).toBe(`${a}${b}`);
      }),
      { numRuns: 500 },
    );
  });

  it('tells apart values that print alike but differ, and templates with the same values', () => {
    expect(sentence`${'1'} unit`).toBe('1 unit');
    expect(sentence`${1} unit`).toBe('1 unit');
    expect(sentence`${null} unit`).toBe('null unit');
    expect(sentence`${'a'}-${'b'}`).toBe('a-b');
    expect(sentence`${'a'}+${'b'}`).toBe('a+b');
  });

  it('returns the same string object for the same template and values', () => {
    const make = (n: number) => sentence`96365: ${'vancomycin'} ran ${n} min.`;
    const first = make(95);
    expect(make(95)).toBe(first);
    expect(make(96)).toBe('96365: vancomycin ran 96 min.');
  });

  it('joins sentences with a space, lists of any length under one another', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('A.', 'B.', 'C.', ''), { maxLength: 5 }), (list) => {
        expect(joinSentences(list)).toBe(list.join(' '));
      }),
      { numRuns: 300 },
    );
    // A shorter list is a prefix of a longer one: each count of sentences has its own table.
    expect(joinSentences(['A.', 'B.'])).toBe('A. B.');
    expect(joinSentences(['A.', 'B.', 'C.'])).toBe('A. B. C.');
    expect(joinSentences(['A.', 'B.'])).toBe('A. B.');
  });

  it('renders array pieces like the tag', () => {
    const pieces = ['', ' of ', '.'];
    expect(sentenceOf(pieces, [800, 'infliximab'])).toBe('800 of infliximab.');
    expect(sentenceOf(['no values'], [])).toBe('no values');
  });

  it('stays bounded when values never repeat', () => {
    for (let n = 0; n < 120000; n++) sentence`row ${n} of ${'drug'}`;
    expect(keptCount()).toBeLessThanOrEqual(50001);
    expect(sentence`row ${7} of ${'drug'}`).toBe('row 7 of drug');
  });
});
