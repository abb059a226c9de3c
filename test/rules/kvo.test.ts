/**
 * KVO / TKO (RULES.md section 3): the dose cell and free text (purpose, drug, route, necessity) read the
 * same spellings, from one list (vocabulary.ts KVO_PHRASE).
 */
import { parseDose } from '../../src/rules/values/dose';
import { mentionsKvo } from '../../src/rules/vocabulary';

const KVO = ['KVO', 'TKO', 'keep vein open', 'Keep veins open', 'keep the vein open', 'keep line open', 'keep the line open', 'keep open', 'to keep open'];
const NOT_KVO = ['keep patient comfortable', 'open wound', 'kvos'];

describe('KVO wording', () => {
  it.each(KVO)('reads %p as KVO in free text and in a dose cell', (words) => {
    expect(mentionsKvo(`NS 250 mL ${words}`)).toBe(true);
    const dose = parseDose(`250 mL at 20 mL/hr (${words})`, null);
    expect(dose.ok && dose.value.kvo).toBe(true);
  });

  it.each(NOT_KVO)('does not read %p as KVO', (words) => {
    expect(mentionsKvo(words)).toBe(false);
    const dose = parseDose(`250 mL ${words}`, null);
    expect(dose.ok && dose.value.kvo).toBe(false);
  });
});
