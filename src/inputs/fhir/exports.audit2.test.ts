/** Audit 2: FHIR exports that code differently from the same encounter on a flat sheet. */
import { codeRows } from '../../rules';
import { fhirInput, FHIR_COLUMNS } from './map';
import { FhirCollector } from './read';

function read(...resources: unknown[]) {
  const c = new FhirCollector();
  c.addDocument(JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) }));
  return fhirInput(c.resources, c.problems);
}
const col = (name: string) => FHIR_COLUMNS.findIndex(([h]) => h === name);
const codes = (f: ReturnType<typeof read>) =>
  codeRows(f.source.rows).encounters.map((e) => [e.cpt.map((c) => `${c.code} x${c.units}`).join(' '), e.hcpcs.map((l) => `${l.code} x${l.units}`).join(' ')]);
const iv = { route: { coding: [{ system: 'http://snomed.info/sct', code: '47625008' }] }, method: { text: 'infusion' }, site: { text: 'L forearm' } };
const vanco = (id: string, extra: Record<string, unknown>) => ({
  resourceType: 'MedicationAdministration',
  id,
  status: 'completed',
  subject: { reference: 'Patient/p1' },
  context: { reference: 'Encounter/e1' },
  medicationCodeableConcept: { text: 'vancomycin' },
  dosage: { ...iv, dose: { value: 1000, unit: 'mg' } },
  effectivePeriod: { start: '2026-03-02T08:00:00-05:00', end: '2026-03-02T09:30:00-05:00' },
  ...extra,
});

describe('contained Patient and Encounter', () => {
  test('are read for their identifiers: two administrations each containing its own #enc are two encounters', () => {
    const own = (id: string, fin: string, mrn: string) =>
      vanco(id, {
        contained: [
          { resourceType: 'Patient', id: 'pat', identifier: [{ value: mrn }] },
          { resourceType: 'Encounter', id: 'enc', identifier: [{ value: fin }], class: { code: 'EMER' } },
        ],
        subject: { reference: '#pat' },
        context: { reference: '#enc' },
      });
    const f = read(own('m1', 'E91', 'MRN1'), own('m2', 'E92', 'MRN2'));
    expect([1, 2].map((i) => [f.grid.values[i][col('Encounter')], f.grid.values[i][col('Patient')], f.grid.values[i][col('Setting')]])).toEqual([
      ['E91', 'MRN1', 'facility'],
      ['E92', 'MRN2', 'facility'],
    ]);
    expect(codes(f)).toEqual([['96365 x1', 'J3370 x2'], ['96365 x1', 'J3370 x2']]);
  });
});

describe('an in-progress bag completed by the segments partOf it', () => {
  test('runs until its next segment began: one 90-minute infusion, no missing stop, no push', () => {
    const parent = vanco('m4', { status: 'in-progress', effectivePeriod: { start: '2026-03-02T08:00:00-05:00' } });
    const segment = vanco('m4b', {
      partOf: [{ reference: 'MedicationAdministration/m4' }],
      dosage: { ...iv },
      effectivePeriod: { start: '2026-03-02T08:45:00-05:00', end: '2026-03-02T09:30:00-05:00' },
    });
    const f = read(parent, segment);
    expect(f.grid.values[1][col('Stop')]).toBe('2026-03-02 08:45');
    expect(f.source.notes[0].findings.map((x) => x.id)).not.toContain('missing-stop-time');
    expect(codes(f)).toEqual([['96365 x1', 'J3370 x2']]);
  });

  test('without segments it stays open (missing-stop-time)', () => {
    const f = read(vanco('m4', { status: 'in-progress', effectivePeriod: { start: '2026-03-02T08:00:00-05:00' } }));
    expect(f.source.notes[0].findings.map((x) => x.id)).toContain('missing-stop-time');
  });
});

describe('a dose in mL of a Medication whose ingredient strength is per mL', () => {
  const med = (strength: unknown) => ({
    resourceType: 'Medication',
    id: 'med1',
    code: { text: 'vancomycin 1 g/200 mL' },
    ingredient: [{ itemCodeableConcept: { text: 'vancomycin' }, strength }],
  });
  const given = vanco('m2', { medicationCodeableConcept: undefined, medicationReference: { reference: 'Medication/med1' }, dosage: { ...iv, dose: { value: 200, unit: 'mL' } } });
  test.each([
    ['1000 mg per 200 mL', { numerator: { value: 1000, unit: 'mg' }, denominator: { value: 200, unit: 'mL' } }],
    ['5 mg per mL', { numerator: { value: 5, unit: 'mg' }, denominator: { value: 1, unit: 'mL' } }],
  ])('is read at that strength (%s): 200 mL = 1000 mg, J3370 x2 as the flat sheet codes', (_, strength) => {
    expect(codes(read(med(strength), given))).toEqual([['96365 x1', 'J3370 x2']]);
  });
  test('a dose in mg still names the amount in the bag', () => {
    const f = read(med({ numerator: { value: 1000, unit: 'mg' }, denominator: { value: 200, unit: 'mL' } }), vanco('m2', { medicationCodeableConcept: undefined, medicationReference: { reference: 'Medication/med1' } }));
    expect(f.grid.values[1][col('Drug')]).toBe('vancomycin 1000 mg');
  });
});
