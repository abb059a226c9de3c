/** The NDC on a J3490 line: named when documented (normalised to 5-4-2), else the claim is said to need one. */
import { codeRows } from '../../src/rules';

const famotidine = (ndc?: string) => ({
  row: 2,
  values: { encounter: 'E1', date: '2026-03-02', drug: 'famotidine', dose: '20 mg', route: 'IV push', start: '09:00', diagnosis: 'K21.9', necessity: 'reflux', ...(ndc ? { ndc } : {}) },
});

describe('J3490 and the NDC', () => {
  test('without an NDC the finding says the claim needs one', () => {
    const f = codeRows([famotidine()]).rows[0].findings.find((x) => x.id === 'unclassified-drug')!;
    expect(f.message).toMatch(/no NDC is documented, and the claim needs one/);
  });

  test('with an NDC (any printed form) the finding names it in the 11-digit form', () => {
    const r = codeRows([famotidine('0143-9691-10')]).rows[0];
    expect(r.hcpcs.map((l) => l.code)).toEqual(['J3490']);
    expect(r.findings.find((x) => x.id === 'unclassified-drug')!.message).toMatch(/with NDC 00143-9691-10 /);
  });
});
