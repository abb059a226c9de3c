import { codeRows } from '../../rules';
import { fhirInput, FHIR_COLUMNS, wallClock } from './map';
import { FhirCollector } from './read';

const patient = { resourceType: 'Patient', id: 'p1', identifier: [{ system: 'urn:mrn', value: 'MRN-1' }] };
const encounter = { resourceType: 'Encounter', id: 'e1', identifier: [{ value: 'FIN-100' }], class: { code: 'EMER' } };
const coverage = { resourceType: 'Coverage', id: 'c1', status: 'active', beneficiary: { reference: 'Patient/p1' }, payor: [{ display: 'Medicare' }] };

function ma(extra: Record<string, unknown>) {
  return {
    resourceType: 'MedicationAdministration',
    id: 'ma1',
    status: 'completed',
    subject: { reference: 'Patient/p1' },
    context: { reference: 'Encounter/e1' },
    medicationCodeableConcept: { text: 'ondansetron' },
    effectivePeriod: { start: '2026-03-02T09:00:00-05:00', end: '2026-03-02T09:40:00-05:00' },
    dosage: { route: { coding: [{ system: 'http://snomed.info/sct', code: '47625008' }] }, dose: { value: 8, unit: 'mg' } },
    ...extra,
  };
}

function read(...resources: unknown[]) {
  const c = new FhirCollector();
  c.addDocument(JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) }));
  return fhirInput(c.resources, c.problems);
}
const col = (name: string) => FHIR_COLUMNS.findIndex(([h]) => h === name);
const cellOf = (f: ReturnType<typeof read>, name: string, i = 0) => f.grid.values[i + 1][col(name)];

describe('FHIR MedicationAdministration to rows (EXPORTS.md B)', () => {
  test('effectivePeriod gives start and stop at the charted wall-clock time', () => {
    const f = read(patient, encounter, ma({}));
    expect([cellOf(f, 'Start'), cellOf(f, 'Stop')]).toEqual(['2026-03-02 09:00', '2026-03-02 09:40']);
    expect(codeRows(f.source.rows).rows[0].minutes).toBe(40);
  });

  test('effectiveDateTime gives a start only (a push or an injection)', () => {
    const f = read(ma({ effectivePeriod: undefined, effectiveDateTime: '2026-03-02T10:15:00Z' }));
    expect([cellOf(f, 'Start'), cellOf(f, 'Stop')]).toEqual(['2026-03-02 10:15', null]);
  });

  test('rateQuantity and rateRatio both become the Rate cell beside the dose (per hour)', () => {
    const q = read(ma({ dosage: { dose: { value: 1000, unit: 'mL' }, rateQuantity: { value: 125, unit: 'mL/h' } } }));
    expect([cellOf(q, 'Dose'), cellOf(q, 'Rate')]).toEqual(['1000 mL', '125 mL/h']);
    const r = read(ma({ dosage: { rateRatio: { numerator: { value: 250, unit: 'mL' }, denominator: { value: 1, unit: 'h' } } } }));
    expect([cellOf(r, 'Dose'), cellOf(r, 'Rate')]).toEqual([null, '250 mL/h']);
    const r2 = read(ma({ dosage: { rateRatio: { numerator: { value: 100, unit: 'mL' }, denominator: { value: 30, unit: 'min' } } } }));
    expect(cellOf(r2, 'Rate')).toBe('200 mL/h');
  });

  test('a paused bag exported as two resources (the second partOf the first, a rate only) is one bag of two segments', () => {
    const first = ma({ id: 'a', medicationCodeableConcept: { text: 'vancomycin' }, effectivePeriod: { start: '2026-03-02T09:00:00-05:00', end: '2026-03-02T09:40:00-05:00' }, dosage: { dose: { value: 1, unit: 'g' }, rateQuantity: { value: 150, unit: 'mL/h' } } });
    const second = ma({ id: 'b', medicationCodeableConcept: { text: 'vancomycin' }, effectivePeriod: { start: '2026-03-02T10:00:00-05:00', end: '2026-03-02T10:30:00-05:00' }, dosage: { rateQuantity: { value: 150, unit: 'mL/h' } }, partOf: [{ reference: 'MedicationAdministration/a' }] });
    const coded = codeRows(read(first, second).source.rows);
    expect(coded.encounters[0].cpt.map((c) => `${c.code} x${c.units}`)).toEqual(['96365 x1']);
  });

  test('segments linked by partOf share one Bag value (followed to the first, in any order); a restated dose counts once', () => {
    const period = (from: string, to: string) => ({ start: `2026-03-02T${from}:00-05:00`, end: `2026-03-02T${to}:00-05:00` });
    const dosed = { route: { text: 'IV infusion' }, dose: { value: 1, unit: 'g' }, rateQuantity: { value: 250, unit: 'mL/h' } };
    const c = ma({ id: 'c', medicationCodeableConcept: { text: 'vancomycin' }, effectivePeriod: period('11:00', '11:30'), dosage: dosed, partOf: [{ reference: 'MedicationAdministration/b' }] });
    const a = ma({ id: 'a', medicationCodeableConcept: { text: 'vancomycin' }, effectivePeriod: period('09:00', '09:40'), dosage: dosed });
    const b = ma({ id: 'b', medicationCodeableConcept: { text: 'vancomycin' }, effectivePeriod: period('10:00', '10:40'), dosage: dosed, partOf: [{ reference: 'MedicationAdministration/a' }] });
    const input = read(c, { ...a }, b);
    expect(input.source.rows.map((r) => r.values.order)).toEqual(['a', 'a', 'a']);
    expect(input.source.rows.map((r) => r.values.dose)).toEqual([null, '1 g', null]);
    const coded = codeRows(input.source.rows);
    expect(coded.encounters[0].hcpcs.map((l) => `${l.code} x${l.units}`)).toEqual(['J3370 x2']);
    expect(coded.rows.flatMap((r) => r.findings.map((f) => f.id))).not.toContain('missing-dose');
    const alone = read(ma({ id: 'x' }));
    expect(alone.source.rows[0].values.order).toBeNull();
  });

  test('a 30-minute bag paused halfway (two 15-minute segments, partOf the first) is one infusion, not a push and a repeat push', () => {
    const period = (from: string, to: string) => ({ start: `2026-03-02T${from}:00-05:00`, end: `2026-03-02T${to}:00-05:00` });
    const dosage = { route: { coding: [{ system: 'http://snomed.info/sct', code: '47625008' }] }, method: { text: 'infusion' }, dose: { value: 1, unit: 'g' } };
    const a = ma({ id: 'a', status: 'stopped', medicationCodeableConcept: { text: 'ceftriaxone' }, effectivePeriod: period('11:05', '11:20'), dosage });
    const b = ma({ id: 'b', medicationCodeableConcept: { text: 'ceftriaxone' }, effectivePeriod: period('11:37', '11:52'), dosage, partOf: [{ reference: 'MedicationAdministration/a' }] });
    const coded = codeRows(read(a, b).source.rows);
    expect(coded.encounters[0].cpt.map((c) => `${c.code} x${c.units}`)).toEqual(['96365 x1']);
    expect(coded.encounters[0].hcpcs.map((l) => `${l.code} x${l.units}`)).toEqual(['J0696 x4']);
    expect(coded.rows.flatMap((r) => r.findings.map((f) => f.id))).not.toContain('missing-dose');
  });

  test('a keep-vein-open bag paused and restarted (its segment partOf it, a rate only) lists its one charted bag', () => {
    const period = (from: string, to: string) => ({ start: `2026-03-02T${from}:00-05:00`, end: `2026-03-02T${to}:00-05:00` });
    const route = { text: 'IV infusion' };
    const ns = { text: 'normal saline' };
    const a = ma({ id: 'a', status: 'stopped', medicationCodeableConcept: ns, effectivePeriod: period('09:45', '10:30'), dosage: { route, dose: { value: 1000, unit: 'mL' }, rateQuantity: { value: 20, unit: 'mL/h' } } });
    const b = ma({ id: 'b', medicationCodeableConcept: ns, effectivePeriod: period('10:47', '11:32'), dosage: { route, rateQuantity: { value: 20, unit: 'mL/h' } }, partOf: [{ reference: 'MedicationAdministration/a' }] });
    const coded = codeRows(read(a, b).source.rows);
    expect(coded.encounters[0].hcpcs.map((l) => `${l.code} x${l.units}`)).toEqual(['J7030 x1']);
  });

  test("a fluid bag's later segment with only a rate adds no bag: one charted 1000 mL bag is J7030 once", () => {
    const period = (from: string, to: string) => ({ start: `2026-03-02T${from}:00-05:00`, end: `2026-03-02T${to}:00-05:00` });
    const ns = { text: 'normal saline' };
    const a = ma({ id: 'a', medicationCodeableConcept: ns, effectivePeriod: period('09:00', '10:00'), dosage: { route: { text: 'IV infusion' }, dose: { value: 1000, unit: 'mL' }, rateQuantity: { value: 250, unit: 'mL/h' } } });
    const b = ma({ id: 'b', medicationCodeableConcept: ns, effectivePeriod: period('10:30', '12:30'), dosage: { route: { text: 'IV infusion' }, rateQuantity: { value: 250, unit: 'mL/h' } }, partOf: [{ reference: 'MedicationAdministration/a' }] });
    const coded = codeRows(read(a, b).source.rows);
    expect(coded.encounters[0].hcpcs.map((l) => `${l.code} x${l.units}`)).toEqual(['J7030 x1']);
  });

  test('very small and very large quantities are written in plain digits, never as 4e-7 (read as 7)', () => {
    const tiny = read(ma({ dosage: { dose: { value: 0.0000004, unit: 'g' } } }));
    expect(cellOf(tiny, 'Dose')).toBe('0.0000004 g');
    expect(codeRows(tiny.source.rows).rows[0].hcpcs.map((l) => l.units)).toEqual([1]);
    const huge = read(ma({ dosage: { dose: { value: 4e21, unit: 'mg' } } }));
    expect(cellOf(huge, 'Dose')).toBe('4000000000000000000000 mg');
    expect(codeRows(huge.source.rows).rows[0].findings.map((f) => f.message)).toContain(
      "Dose '4000000000000000000000 mg' is not a dose (the number is too large).",
    );
    const rate = read(ma({ dosage: { rateRatio: { numerator: { value: 1e-7, unit: 'mL' }, denominator: { value: 1e21, unit: 'h' } } } }));
    expect(cellOf(rate, 'Rate')).toMatch(/^0\.0{27}1 mL\/h$/);
  });

  test.each([
    ['47625008', undefined, 'IV'],
    ['78421000', undefined, 'IM'],
    ['34206005', undefined, 'SC'],
    ['47625008', 'IV push', 'IV push'],
    ['47625008', 'Infusion', 'IV infusion'],
    ['34206005', 'infusion', 'SC infusion'],
    ['34206005', 'Injection', 'SC'],
  ])('SNOMED route %s with method %p -> %s', (code, method, route) => {
    const f = read(ma({ dosage: { route: { coding: [{ system: 'http://snomed.info/sct', code }] }, method: method ? { text: method } : undefined } }));
    expect(cellOf(f, 'Route')).toBe(route);
  });

  test("a site's IV route text takes the method's push, and a bare IV dose given at one moment is a push", () => {
    const method = read(ma({ dosage: { route: { text: 'Intravenous' }, method: { text: 'IV Push' }, dose: { value: 4, unit: 'mg' } } }));
    expect(cellOf(method, 'Route')).toBe('Intravenous push');
    const epic = read(ma({ dosage: { route: { coding: [{ system: 'urn:oid:1.2.840.114350', code: '6', display: 'Intravenous' }] }, method: { coding: [{ display: 'Push' }] }, dose: { value: 4, unit: 'mg' } } }));
    expect(cellOf(epic, 'Route')).toBe('Intravenous push');
    const point = read(ma({ effectivePeriod: undefined, effectiveDateTime: '2026-03-02T10:15:00-05:00' }));
    expect(cellOf(point, 'Route')).toBe('IV push');
    const coded = codeRows(point.source.rows);
    expect(coded.encounters[0].cpt.map((c) => c.code)).toEqual(['96374']);
    expect(coded.rows[0].findings.map((f) => f.id)).not.toContain('missing-stop-time');
  });

  test("UCUM's arbitrary units ([iU], [U]) are units a dose reader knows", () => {
    const f = read(ma({ medicationCodeableConcept: { text: 'heparin' }, dosage: { dose: { value: 5000, unit: '[iU]' } } }), ma({ id: 'ma2', dosage: { dose: { value: 10, code: '[U]' } } }));
    expect([cellOf(f, 'Dose'), cellOf(f, 'Dose', 1)]).toEqual(['5000 units', '10 units']);
  });

  test('a route given only as text is kept as text', () => {
    const f = read(ma({ dosage: { route: { text: 'Intravenous piggyback' } } }));
    expect(cellOf(f, 'Route')).toBe('Intravenous piggyback');
  });

  test('a contained Medication (with its NDC, normalised to 5-4-2)', () => {
    const f = read(
      ma({
        medicationCodeableConcept: undefined,
        medicationReference: { reference: '#med1' },
        contained: [{ resourceType: 'Medication', id: 'med1', code: { text: 'ceftriaxone 1 g', coding: [{ system: 'http://hl7.org/fhir/sid/ndc', code: '0409-7338-01' }] } }],
      }),
    );
    expect([cellOf(f, 'Drug'), cellOf(f, 'NDC')]).toEqual(['ceftriaxone 1 g', '00409-7338-01']);
  });

  test('a Medication referenced from the bundle, by Type/id or by fullUrl', () => {
    const med = { resourceType: 'Medication', id: 'm9', code: { coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', display: 'vancomycin 1 g' }] } };
    const f = read(med, ma({ medicationCodeableConcept: undefined, medicationReference: { reference: 'Medication/m9' } }));
    expect(cellOf(f, 'Drug')).toBe('vancomycin 1 g');
    const c = new FhirCollector();
    c.addDocument(JSON.stringify({
      resourceType: 'Bundle',
      entry: [
        { fullUrl: 'urn:uuid:abc', resource: { ...med, id: undefined } },
        { resource: ma({ medicationCodeableConcept: undefined, medicationReference: { reference: 'urn:uuid:abc' } }) },
      ],
    }));
    expect(fhirInput(c.resources).grid.values[1][col('Drug')]).toBe('vancomycin 1 g');
  });

  /** The findings the rules raise on the coded row, with the field each lands on. */
  const ndcFindings = (f: ReturnType<typeof read>) => codeRows(f.source.rows).rows[0].findings.filter((x) => /ndc/.test(x.id));

  test('the NDC column is the ndc field, so NDC findings land on the NDC cell', () => {
    const f = read(ma({}));
    expect([f.table.mapping.ndc, f.source.rows[0].columns?.ndc]).toEqual([col('NDC') + 1, 'NDC']);
    // J3490 without an NDC: the claim needs one, said on the NDC cell (not the drug cell).
    const famotidine = read(ma({ medicationCodeableConcept: { text: 'famotidine' }, dosage: { dose: { value: 20, unit: 'mg' } }, effectivePeriod: undefined, effectiveDateTime: '2026-03-02T10:15:00Z' }));
    expect(ndcFindings(famotidine).map((x) => [x.id, x.field])).toEqual([['missing-ndc', 'ndc']]);
  });

  test('an NDC that fits no form stays in the NDC cell as exported and is invalid-ndc (warning) there', () => {
    const f = read(ma({ medicationCodeableConcept: { text: 'x', coding: [{ system: 'http://hl7.org/fhir/sid/ndc', code: '12-34' }] } }));
    expect(cellOf(f, 'NDC')).toBe('12-34');
    expect(f.source.notes[0].findings).toEqual([]);
    expect(ndcFindings(f).map((x) => [x.id, x.severity, x.field])).toEqual([['invalid-ndc', 'warning', 'ndc']]);
  });

  test('10 digits without hyphens that fit several layouts are ambiguous-ndc (warning) on the NDC cell, naming each reading', () => {
    const f = read(ma({ medicationCodeableConcept: { text: 'x', coding: [{ system: 'http://hl7.org/fhir/sid/ndc', code: '5024205121' }] } }));
    expect(cellOf(f, 'NDC')).toBe('5024205121');
    const [ambiguous] = ndcFindings(f);
    expect([ambiguous.id, ambiguous.severity, ambiguous.field]).toEqual(['ambiguous-ndc', 'warning', 'ndc']);
    expect(ambiguous.message).toMatch(/could be 05024-2051-21, 50242-0051-21, 50242-0512-01/);
  });

  test('Patient, Encounter and the Coverage of the patient give patient, encounter, setting and payer', () => {
    const f = read(patient, encounter, coverage, ma({}));
    expect([cellOf(f, 'Patient'), cellOf(f, 'Encounter'), cellOf(f, 'Setting'), cellOf(f, 'Payer')]).toEqual(['MRN-1', 'FIN-100', 'facility', 'Medicare']);
  });

  test('an Encounter of an office (type text or place of service 11) is office', () => {
    const office = { ...encounter, class: { code: 'AMB' }, type: [{ text: 'Physician office visit' }] };
    expect(cellOf(read(office, ma({})), 'Setting')).toBe('office');
    const pos = { ...encounter, class: { code: 'AMB' }, serviceType: { coding: [{ system: 'https://www.cms.gov/place-of-service', code: '11' }] } };
    expect(cellOf(read(pos, ma({})), 'Setting')).toBe('office');
    const unknown = { ...encounter, class: { code: 'AMB' } };
    expect(cellOf(read(unknown, ma({})), 'Setting')).toBeNull();
  });

  test('reasonCode ICD-10-CM codings are the diagnosis; reasonCode text and notes the necessity; performer the nurse', () => {
    const f = read(ma({
      reasonCode: [{ text: 'nausea after chemotherapy', coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'R11.2' }, { system: 'http://snomed.info/sct', code: '422587007' }] }],
      note: [{ text: 'tolerated well' }],
      performer: [{ actor: { reference: 'Practitioner/n1', display: 'J. Rivera RN' } }],
    }));
    expect([cellOf(f, 'Diagnosis'), cellOf(f, 'Necessity'), cellOf(f, 'Nurse')]).toEqual(['R11.2', 'nausea after chemotherapy. tolerated well', 'J. Rivera RN']);
  });

  test.each([
    ['completed', 1, []],
    ['stopped', 1, []],
    ['in-progress', 1, ['missing-stop-time']],
  ])('status %s is coded', (status, rows, findings) => {
    const f = read(ma({ status, effectivePeriod: { start: '2026-03-02T09:00:00Z', ...(status === 'in-progress' ? {} : { end: '2026-03-02T10:00:00Z' }) } }));
    expect(f.source.rows).toHaveLength(rows);
    expect(f.source.notes[0].findings.map((x) => x.id)).toEqual(findings);
  });

  test('not-done and entered-in-error are not coded, and counted in the summary; other resource types too', () => {
    const f = read(patient, ma({ id: 'a' }), ma({ id: 'b', status: 'not-done' }), ma({ id: 'c', status: 'entered-in-error' }), { resourceType: 'Observation', id: 'o1' });
    expect(f.source.rows).toHaveLength(1);
    expect(f.source.summary).toBe(
      'FHIR: 3 MedicationAdministration resources, 1 coded; not coded: 1 not-done, 1 entered-in-error; 1 other resources not used (1 Observation)',
    );
  });

  test('a MedicationAdministration without the R4 shape is counted and named, never dropped silently', () => {
    const f = read(ma({ id: 'bad', status: undefined }));
    expect(f.counts.notCoded.get('unreadable')).toBe(1);
    expect(f.problems[0].message).toMatch(/MedicationAdministration\/bad: status/);
  });

  test.each([
    ['spring forward', '2026-03-08T01:30:00-05:00', '2026-03-08T03:30:00-04:00', '2026-03-08 02:30'],
    ['fall back', '2026-11-01T01:10:00-04:00', '2026-11-01T01:50:00-05:00', '2026-11-01 02:50'],
    ['no change', '2026-03-02T09:00:00-05:00', '2026-03-02T10:31:00-05:00', '2026-03-02 10:31'],
    ['no zones', '2026-03-08T01:30:00', '2026-03-08T03:30:00', '2026-03-08 03:30'],
  ])('a clock change during an infusion (%s): the minutes coded are the minutes that passed', (_name, start, end, stop) => {
    const input = read(ma({ effectivePeriod: { start, end } }));
    expect(input.source.rows[0].values.stop).toBe(stop);
  });

  test('a resource id listed twice is one administration: coded once, the later version, with a problem', () => {
    const same = read(ma({ id: 'a1' }), ma({ id: 'a1' }), ma({ id: 'a2' }));
    expect(same.source.rows).toHaveLength(2);
    expect(same.problems.map((p) => p.message)).toEqual(['MedicationAdministration/a1 repeats the resource: coded once']);
    expect(same.source.summary).toMatch(/2 coded; not coded: 1 duplicate/);
    const changed = read(ma({ id: 'a1' }), ma({ id: 'a1', dosage: { dose: { value: 4, unit: 'mg' } } }));
    expect(changed.source.rows).toHaveLength(1);
    expect(changed.source.rows[0].values.dose).toBe('4 mg');
    expect(changed.problems[0].message).toMatch(/second version .*the later one is coded/);
    // The same id for another patient (two systems' exports joined) is another administration.
    const other = read(ma({ id: 'a1' }), ma({ id: 'a1', subject: { reference: 'Patient/p2' } }));
    expect(other.source.rows).toHaveLength(2);
    expect(other.problems).toEqual([]);
    // The same patient written as a full URL, or left out, is the same administration.
    expect(read(ma({ id: 'a1' }), ma({ id: 'a1', subject: { reference: 'https://fhir.example/r4/Patient/p1' } })).source.rows).toHaveLength(1);
    expect(read(ma({ id: 'a1' }), ma({ id: 'a1', subject: undefined })).source.rows).toHaveLength(1);
  });

  test('a later entered-in-error or not-done copy of a completed administration cancels it (the later version wins)', () => {
    const cancelled = read(ma({ id: 'v1' }), ma({ id: 'v1', status: 'entered-in-error' }), ma({ id: 'v2' }));
    expect(cancelled.source.rows).toHaveLength(1);
    expect(cancelled.grid.values[1][col('FHIR id')]).toBe('v2');
    expect(cancelled.source.summary).toBe(
      'FHIR: 3 MedicationAdministration resources, 1 coded; not coded: 1 duplicate, 1 entered-in-error; 1 problem (see the warnings)',
    );
    expect(cancelled.problems.map((p) => p.message)).toEqual([
      'MedicationAdministration/v1 is a second version of the resource: the later one is entered-in-error, so it is not coded',
    ]);
    expect(read(ma({ id: 'v1' }), ma({ id: 'v1', status: 'not-done' })).source.rows).toHaveLength(0);
    // A later completed copy of a cancelled one is coded.
    expect(read(ma({ id: 'v1', status: 'entered-in-error' }), ma({ id: 'v1' })).source.rows).toHaveLength(1);
  });

  test('a dose of 1e400 (Infinity in JSON) keeps the administration, with a finding on its dose', () => {
    const c = new FhirCollector();
    c.addDocument(JSON.stringify(ma({ dosage: { route: { text: 'IV infusion' }, dose: { value: 1, unit: 'mg' } } })).replace('"value":1', '"value":1e400'));
    const input = fhirInput(c.resources, c.problems);
    expect(input.source.rows).toHaveLength(1);
    expect(input.source.rows[0].values.dose).toBe('Infinity mg');
  });

  test('a time that is not ISO 8601 goes to the rules as written (read there, or flagged on the Start cell)', () => {
    const input = read(ma({ effectivePeriod: undefined, effectiveDateTime: '03/02/2026 16:00' }));
    expect(input.source.rows[0].values.start).toBe('03/02/2026 16:00');
    const odd = read(ma({ effectivePeriod: { start: 'yesterday', end: '2026-03-02T10:00:00Z' } }));
    expect(odd.source.rows[0].values.start).toBe('yesterday');
  });

  test('a medicationReference the export does not hold is named, not read as no drug', () => {
    const input = read(ma({ medicationCodeableConcept: undefined, medicationReference: { reference: 'Medication/m404' } }));
    expect(input.source.rows[0].values.drug).toBe('Medication/m404 (not in the export)');
  });

  test('an IV route with an ambulatory pump method is the pump (96416), not a push or 46 hours of infusion', () => {
    const pump = (end?: string) =>
      read(ma({
        medicationCodeableConcept: { text: 'fluorouracil' },
        effectivePeriod: { start: '2026-03-02T11:10:00-05:00', ...(end ? { end } : {}) },
        dosage: { route: { coding: [{ system: 'http://snomed.info/sct', code: '47625008' }] }, method: { text: 'ambulatory pump' }, dose: { value: 2400, unit: 'mg' } },
        reasonCode: [{ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'C18.9' }] }],
      }));
    expect(pump().source.rows[0].values.route).toBe('IV ambulatory pump');
    for (const end of [undefined, '2026-03-04T09:10:00-05:00']) {
      expect(codeRows(pump(end).source.rows).encounters[0].cpt.map((c) => c.code)).toEqual(['96416']);
    }
  });

  test('wallClock keeps the charted time whatever the offset', () => {
    expect(wallClock('2026-03-02T23:30:00+09:00')).toBe('2026-03-02 23:30');
    expect(wallClock('2026-03-02')).toBe('2026-03-02');
    expect(wallClock('garbage')).toBeNull();
  });

  test('a status spelt another way is still not-done or entered-in-error; a word that is no status is coded with a warning', () => {
    for (const status of ['NOT-DONE', 'not_done', 'Entered in Error']) {
      const f = read(ma({ status }));
      expect(f.counts.coded).toBe(0);
      expect(f.source.rows).toHaveLength(0);
    }
    const f = read(ma({ status: 'given' }));
    expect(f.counts.coded).toBe(1);
    expect(f.problems.map((p) => p.message).join()).toMatch(/status 'given' is not a MedicationAdministration status/);
  });

  test('a date-time written with a space keeps its time (the rules read it), never cut to its date', () => {
    expect(wallClock('2026-03-02 09:00:00')).toBeNull();
    const f = read(ma({ effectivePeriod: { start: '2026-03-02 09:00:00', end: '2026-03-02 10:31:00' } }));
    expect([cellOf(f, 'Start'), cellOf(f, 'Stop')]).toEqual(['2026-03-02 09:00:00', '2026-03-02 10:31:00']);
    expect(codeRows(f.source.rows).rows[0].minutes).toBe(91);
  });

});

describe('FHIR R5 MedicationAdministration beside R4', () => {
  /** An R5 administration: medication.concept, encounter, occurencePeriod (R5's spelling) and reason. */
  function r5(extra: Record<string, unknown>) {
    return {
      resourceType: 'MedicationAdministration',
      id: 'r5-1',
      status: 'completed',
      medication: { concept: { text: 'vancomycin' } },
      subject: { reference: 'Patient/p1' },
      encounter: { reference: 'Encounter/e1' },
      occurencePeriod: { start: '2026-03-02T09:00:00-05:00', end: '2026-03-02T10:31:00-05:00' },
      reason: [{ concept: { text: 'Sepsis', coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'A41.9' }] } }],
      dosage: { route: { coding: [{ system: 'http://snomed.info/sct', code: '47625008' }] }, method: { text: 'infusion' }, dose: { value: 1.75, unit: 'g' } },
      ...extra,
    };
  }

  test('medication.concept, encounter, occurencePeriod and reason are read as R4 reads their fields', () => {
    const f = read(patient, encounter, r5({}));
    expect(['Drug', 'Encounter', 'Start', 'Stop', 'Diagnosis', 'Necessity'].map((h) => cellOf(f, h))).toEqual([
      'vancomycin', 'FIN-100', '2026-03-02 09:00', '2026-03-02 10:31', 'A41.9', 'Sepsis',
    ]);
    const coded = codeRows(f.source.rows);
    expect(coded.encounters[0].cpt.map((c) => `${c.code} x${c.units}`)).toEqual(['96365 x1', '96366 x1']);
    expect(coded.encounters[0].hcpcs.map((l) => `${l.code} x${l.units}`)).toEqual(['J3370 x4']);
  });

  test.each([
    ['occurenceDateTime', { occurenceDateTime: '2026-03-02T10:15:00-05:00' }, ['2026-03-02 10:15', null]],
    ['occurrenceDateTime (two r)', { occurrenceDateTime: '2026-03-02T10:15:00-05:00' }, ['2026-03-02 10:15', null]],
    ['occurrencePeriod (two r)', { occurrencePeriod: { start: '2026-03-02T09:00:00-05:00', end: '2026-03-02T09:40:00-05:00' } }, ['2026-03-02 09:00', '2026-03-02 09:40']],
    ['occurenceTiming with one event', { occurenceTiming: { event: ['2026-03-02T10:15:00-05:00'] } }, ['2026-03-02 10:15', null]],
    ['occurenceTiming bounds', { occurenceTiming: { repeat: { boundsPeriod: { start: '2026-03-02T09:00:00-05:00', end: '2026-03-02T09:40:00-05:00' } } } }, ['2026-03-02 09:00', '2026-03-02 09:40']],
  ])('%s gives the times', (_name, times, expected) => {
    const f = read(r5({ occurencePeriod: undefined, ...times }));
    expect([cellOf(f, 'Start'), cellOf(f, 'Stop')]).toEqual(expected);
  });

  test('a moment (occurenceDateTime) with a bare IV route is a push, as effectiveDateTime is', () => {
    const f = read(r5({ occurencePeriod: undefined, occurenceDateTime: '2026-03-02T10:15:00-05:00', dosage: { route: { coding: [{ system: 'http://snomed.info/sct', code: '47625008' }] } } }));
    expect(cellOf(f, 'Route')).toBe('IV push');
  });

  test('medication.reference names the Medication of the export, contained or bundled', () => {
    const bundled = { resourceType: 'Medication', id: 'm1', code: { text: 'cefazolin 2 g' } };
    expect(cellOf(read(bundled, r5({ medication: { reference: { reference: 'Medication/m1' } } })), 'Drug')).toBe('cefazolin 2 g');
    const contained = r5({ medication: { reference: { reference: '#m2' } }, contained: [{ resourceType: 'Medication', id: 'm2', code: { text: 'ondansetron' } }] });
    expect(cellOf(read(contained), 'Drug')).toBe('ondansetron');
  });

  test('an R4-shaped administration with encounter in place of context is in that encounter', () => {
    const push = (id: string, at: string) =>
      ma({ id, context: undefined, encounter: { reference: 'Encounter/e1' }, effectivePeriod: undefined, effectiveDateTime: `2026-03-0${at}-05:00` });
    const f = read(patient, encounter, push('a', '2T22:00:00'), push('b', '3T02:00:00'));
    expect([cellOf(f, 'Encounter'), cellOf(f, 'Encounter', 1)]).toEqual(['FIN-100', 'FIN-100']);
    const coded = codeRows(f.source.rows);
    expect(coded.encounters.map((e) => e.cpt.map((c) => c.code))).toEqual([['96374', '96376']]);
  });

  test("an R5 Encounter's class (a list of CodeableConcepts) and serviceType (CodeableReferences) give the setting", () => {
    const emer = { resourceType: 'Encounter', id: 'e1', class: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'EMER' }] }] };
    expect(cellOf(read(emer, r5({})), 'Setting')).toBe('facility');
    expect(read(emer, r5({})).problems).toEqual([]);
    const office = { resourceType: 'Encounter', id: 'e1', class: [{ coding: [{ code: 'AMB' }] }], serviceType: [{ concept: { text: 'Physician office visit' } }] };
    expect(cellOf(read(office, r5({})), 'Setting')).toBe('office');
  });

  test("R5's performer (a CodeableReference) is the nurse and R5's Coverage insurer the payer", () => {
    const insurer = { resourceType: 'Coverage', id: 'c1', status: 'active', beneficiary: { reference: 'Patient/p1' }, insurer: { display: 'Aetna' } };
    const f = read(insurer, r5({ performer: [{ actor: { reference: { reference: 'Practitioner/n1', display: 'J. Rivera RN' } } }] }));
    expect([cellOf(f, 'Nurse'), cellOf(f, 'Payer')]).toEqual(['J. Rivera RN', 'Aetna']);
  });
});

describe('drugs sent only as codes', () => {
  const rxnorm = (code: string) => ({ coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code }] });
  const ndcOnly = (code: string) => ({ coding: [{ system: 'http://hl7.org/fhir/sid/ndc', code }] });
  const push = (id: string, time: string, concept: unknown) =>
    ma({ id, medicationCodeableConcept: concept, effectivePeriod: undefined, effectiveDateTime: `2026-03-02T${time}:00-05:00` });

  test('are named by their code (an NDC in its 5-4-2 form, also in the NDC cell), so two of them are two drugs', () => {
    const f = read(push('a', '10:40', rxnorm('1719')), push('b', '10:50', ndcOnly('0409-4888-02')));
    expect([cellOf(f, 'Drug'), cellOf(f, 'Drug', 1)]).toEqual(['RxNorm 1719', 'NDC 00409-4888-02']);
    expect([cellOf(f, 'NDC'), cellOf(f, 'NDC', 1)]).toEqual([null, '00409-4888-02']);
    // A second drug's push is 96375; read as one undocumented drug it was a repeat (96376), lost at 30 minutes.
    expect(codeRows(f.source.rows).encounters[0].cpt.map((c) => c.code)).toEqual(['96374', '96375']);
  });

  test('say so in an unknown-drug finding on the drug, in place of the rules\' one', () => {
    const f = read(push('a', '10:40', rxnorm('1719')));
    expect(f.source.notes[0].findings.map((x) => [x.id, x.field, x.message])).toEqual([
      ['unknown-drug', 'drug', 'The export gives no name for this drug, only its code RxNorm 1719: check the drug; a code your drug map or NDC crosswalk does not list gets no HCPCS line.'],
    ]);
    // A drug with a name has no such finding.
    expect(read(push('a', '10:40', { text: 'ondansetron', ...rxnorm('312086') })).source.notes[0].findings).toEqual([]);
  });

  test('a Medication of the export with only a code is named by it, never "(not in the export)", however referenced', () => {
    const med = { resourceType: 'Medication', id: 'm3', code: rxnorm('1665060') };
    const by = (reference: string, fullUrl?: string) => {
      const c = new FhirCollector();
      c.addDocument(JSON.stringify({
        resourceType: 'Bundle',
        entry: [{ fullUrl, resource: med }, { resource: ma({ medicationCodeableConcept: undefined, medicationReference: { reference } }) }],
      }));
      return fhirInput(c.resources).grid.values[1][col('Drug')];
    };
    expect(by('Medication/m3')).toBe('RxNorm 1665060');
    expect(by('https://ehr.example.org/fhir/Medication/m3')).toBe('RxNorm 1665060');
    expect(by('urn:uuid:aaaaaaaa-0000-0000-0000-000000000004', 'urn:uuid:aaaaaaaa-0000-0000-0000-000000000004')).toBe('RxNorm 1665060');
    const contained = read(ma({ medicationCodeableConcept: undefined, medicationReference: { reference: '#m' }, contained: [{ ...med, id: 'm' }] }));
    expect(cellOf(contained, 'Drug')).toBe('RxNorm 1665060');
  });
});

describe('references resolve the same way everywhere', () => {
  test('partOf by urn:uuid (the entry\'s fullUrl) or by absolute URL joins the bag, as a relative reference does', () => {
    const period = (from: string, to: string) => ({ start: `2026-03-02T${from}:00-05:00`, end: `2026-03-02T${to}:00-05:00` });
    const dosed = { route: { text: 'IV infusion' }, dose: { value: 1.75, unit: 'g' }, rateQuantity: { value: 125, unit: 'mL/h' } };
    const first = ma({ id: 's1', medicationCodeableConcept: { text: 'vancomycin' }, effectivePeriod: period('09:00', '09:40'), dosage: dosed });
    const bagOf = (reference: string) => {
      const c = new FhirCollector();
      c.addDocument(JSON.stringify({
        resourceType: 'Bundle',
        entry: [
          { fullUrl: 'urn:uuid:11111111-1111-1111-1111-111111111111', resource: first },
          { resource: ma({ id: 's2', medicationCodeableConcept: { text: 'vancomycin' }, effectivePeriod: period('09:50', '10:41'), dosage: dosed, partOf: [{ reference }] }) },
        ],
      }));
      const input = fhirInput(c.resources);
      return [input.source.rows.map((r) => r.values.order), codeRows(input.source.rows).encounters[0].hcpcs.map((l) => `${l.code} x${l.units}`)];
    };
    const joined = [['s1', 's1'], ['J3370 x4']];
    expect(bagOf('MedicationAdministration/s1')).toEqual(joined);
    expect(bagOf('urn:uuid:11111111-1111-1111-1111-111111111111')).toEqual(joined);
    expect(bagOf('https://ehr.example.org/fhir/MedicationAdministration/s1/_history/2')).toEqual(joined);
  });

  test('the Coverage of a patient whose subject is an absolute URL or the urn:uuid of its entry gives the payer', () => {
    const payerWith = (subject: string) => {
      const c = new FhirCollector();
      c.addDocument(JSON.stringify({
        resourceType: 'Bundle',
        entry: [{ fullUrl: 'urn:uuid:p-1', resource: patient }, { resource: coverage }, { resource: ma({ subject: { reference: subject } }) }],
      }));
      return fhirInput(c.resources).grid.values[1][col('Payer')];
    };
    expect(payerWith('Patient/p1')).toBe('Medicare');
    expect(payerWith('https://ehr.example.org/fhir/Patient/p1')).toBe('Medicare');
    expect(payerWith('urn:uuid:p-1')).toBe('Medicare');
    // A beneficiary written as the patient's full URL too.
    const absolute = { ...coverage, beneficiary: { reference: 'https://ehr.example.org/fhir/Patient/p1' } };
    expect(cellOf(read(patient, absolute, ma({})), 'Payer')).toBe('Medicare');
  });
});

describe('references given only by an identifier (an MRN, a CSN)', () => {
  const codes = (f: ReturnType<typeof read>) => codeRows(f.source.rows).encounters.map((e) => [e.id, e.cpt.map((c) => c.code)]);
  const push = (id: string, at: string, extra: Record<string, unknown>) => ma({ id, effectivePeriod: undefined, effectiveDateTime: `2026-03-0${at}-05:00`, ...extra });

  test('key the patient and the encounter: two patients stay two, each with its own initial push', () => {
    const a = push('a', '2T10:00:00', { subject: { identifier: { system: 'urn:mrn', value: 'M1' } }, context: { identifier: { system: 'urn:csn', value: 'E1' } } });
    const b = push('b', '2T11:00:00', { subject: { identifier: { system: 'urn:mrn', value: 'M2' } }, context: { identifier: { system: 'urn:csn', value: 'E2' } } });
    const f = read(a, b);
    expect([0, 1].map((i) => [cellOf(f, 'Patient', i), cellOf(f, 'Encounter', i)])).toEqual([['M1', 'E1'], ['M2', 'E2']]);
    expect(codes(f)).toEqual([['E1', ['96374']], ['E2', ['96374']]]);
  });

  test('match the Patient or Encounter of the export with that identifier (a missing system matches any), as a reference does', () => {
    // The Encounter's identifier has no system: matched by its value; its class gives the setting. One encounter over midnight.
    const byCsn = (id: string, at: string) => push(id, at, { context: { identifier: { system: 'urn:csn', value: 'FIN-100' } } });
    const f = read(patient, encounter, byCsn('a', '2T22:00:00'), byCsn('b', '3T02:00:00'));
    expect([cellOf(f, 'Encounter'), cellOf(f, 'Encounter', 1), cellOf(f, 'Setting')]).toEqual(['FIN-100', 'FIN-100', 'facility']);
    expect(codes(f)).toEqual([['FIN-100', ['96374', '96376']]]);
    // The patient's Coverage is found through the Patient the identifier names: only under the same system.
    const payer = (system: string) => cellOf(read(patient, coverage, ma({ subject: { identifier: { system, value: 'MRN-1' } } })), 'Payer');
    expect([payer('urn:mrn'), payer('urn:other-mrn')]).toEqual(['Medicare', null]);
    // A Coverage's beneficiary given by identifier too.
    const byMrn = { ...coverage, beneficiary: { identifier: { system: 'urn:mrn', value: 'MRN-1' } } };
    expect(cellOf(read(patient, byMrn, ma({})), 'Payer')).toBe('Medicare');
  });
});

describe('a Medication that lists its ingredients (several drugs in one bag, RULES.md 2)', () => {
  const hcpcs = (f: ReturnType<typeof read>) => codeRows(f.source.rows).encounters[0].hcpcs.map((l) => `${l.code} x${l.units}`);
  const mix = (extra: Record<string, unknown>) => ({ resourceType: 'Medication', id: 'mix', ...extra });
  const bag = (extra: Record<string, unknown> = {}) =>
    ma({ medicationCodeableConcept: undefined, medicationReference: { reference: 'Medication/mix' }, dosage: { route: { text: 'IV infusion' }, dose: { value: 50, unit: 'mL' } }, ...extra });
  const per50 = (value: number) => ({ numerator: { value, unit: 'mg' }, denominator: { value: 50, unit: 'mL' } });

  test("names each drug with its strength's amount, as a flat sheet writes the mixture, whatever the Medication's own name", () => {
    const ingredient = [
      { itemCodeableConcept: { text: 'dexamethasone' }, strength: per50(10) },
      { itemCodeableConcept: { coding: [{ display: 'ondansetron' }] }, strength: per50(8) },
    ];
    for (const med of [mix({ ingredient }), mix({ ingredient, code: { text: 'Premix antiemetic' } })]) {
      const f = read(med, bag());
      expect(cellOf(f, 'Drug')).toBe('dexamethasone 10 mg + ondansetron 8 mg');
      expect(hcpcs(f)).toEqual(['J1100 x10', 'J2405 x8']);
    }
  });

  test('a strength per millilitre is a concentration: the drug is named without an amount, never billed as 0.2 mg', () => {
    const perMl = (value: number) => ({ numerator: { value, unit: 'mg' }, denominator: { value: 1, unit: 'mL' } });
    const f = read(mix({ ingredient: [{ itemCodeableConcept: { text: 'dexamethasone' }, strength: perMl(0.2) }, { itemCodeableConcept: { text: 'ondansetron' }, strength: perMl(0.16) }] }), bag());
    expect(cellOf(f, 'Drug')).toBe('dexamethasone + ondansetron');
  });

  test('text where a list of objects belongs (`note`) is left out with a warning: the administration is still coded', () => {
    const f = read(ma({ id: 'n1', note: 'given slowly' }));
    expect(f.source.rows).toHaveLength(1);
    expect(f.problems.map((p) => p.message).join(' ')).toMatch(/note\.0 .*could not be read; the rest was read/);
  });

  test("R5's item.concept and strengthRatio, an ingredient that is another Medication (named alone without a strength); the inactive vehicle is no drug", () => {
    const ondansetron = { resourceType: 'Medication', id: 'ond', code: { text: 'ondansetron' } };
    const med = mix({
      ingredient: [
        { item: { concept: { text: 'dexamethasone' } }, strengthRatio: { numerator: { value: 10, unit: 'mg' } } },
        { itemReference: { reference: 'Medication/ond' } },
        { itemCodeableConcept: { text: 'sodium chloride 0.9%' }, isActive: false },
        { item: { concept: { text: 'sterile water' } }, isActive: { coding: [{ code: 'inactive' }] } },
      ],
    });
    expect(cellOf(read(ondansetron, med, bag()), 'Drug')).toBe('dexamethasone 10 mg + ondansetron');
  });

  test("a segment partOf the bag names its drugs alone: the mixture's amounts count once, as a restated dose does", () => {
    const med = mix({ ingredient: [{ itemCodeableConcept: { text: 'dexamethasone' }, strength: per50(10) }, { itemCodeableConcept: { text: 'ondansetron' }, strength: per50(8) }] });
    const second = bag({ id: 'b', partOf: [{ reference: 'MedicationAdministration/ma1' }], effectivePeriod: { start: '2026-03-02T10:00:00-05:00', end: '2026-03-02T10:20:00-05:00' } });
    const f = read(med, bag(), second);
    expect([cellOf(f, 'Drug'), cellOf(f, 'Drug', 1)]).toEqual(['dexamethasone 10 mg + ondansetron 8 mg', 'dexamethasone + ondansetron']);
    expect(hcpcs(f)).toEqual(['J1100 x10', 'J2405 x8']);
  });
});

describe('route codes without text', () => {
  const V3 = 'http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration';
  test.each([
    [V3, 'IM', 'IM', ['96372']],
    [V3, 'IVPUSH', 'IV push', ['96374']],
    [V3, 'IVINFUS', 'IV infusion', []],
    [V3, 'SQ', 'SC', ['96372']],
    [V3, 'SC', 'SC', ['96372']],
    [V3, 'IT', 'intrathecal', []],
    [V3, 'PO', 'oral', []],
    [V3, 'IV', 'IV push', ['96374']], // a bare IV dose given at one moment is a push
    ['http://snomed.info/sct', '72607000', 'intrathecal', []],
    ['http://snomed.info/sct', '26643006', 'oral', []],
    ['http://snomed.info/sct', '18679011', 'inhalation', []],
  ])('%s %s is read as %s', (system, code, route, cpt) => {
    const f = read(ma({ effectivePeriod: undefined, effectiveDateTime: '2026-03-02T09:15:00-05:00', dosage: { route: { coding: [{ system, code }] }, dose: { value: 4, unit: 'mg' } } }));
    expect(cellOf(f, 'Route')).toBe(route);
    const coded = codeRows(f.source.rows);
    expect(coded.rows[0].findings.map((x) => x.id)).not.toContain('missing-route');
    if (cpt.length) expect(coded.encounters[0].cpt.map((c) => c.code)).toEqual(cpt);
  });

  test('a v3 letter code of another system is no route code (a site may use IT for something else)', () => {
    const f = read(ma({ dosage: { route: { coding: [{ system: 'urn:oid:1.2.840.114350.1', code: 'IT' }] } } }));
    expect(cellOf(f, 'Route')).toBeNull();
  });
});

describe('a slip in one field never drops the administration', () => {
  test.each([
    ['a dose value written as text', { dosage: { route: { text: 'IV push' }, dose: { value: '4', unit: 'mg' } } }, 'Dose', '4 mg'],
    ['an end of null', { effectivePeriod: { start: '2026-03-02T09:00:00-05:00', end: null } }, 'Stop', null],
    ['reasonCode as one object', { reasonCode: { text: 'Sepsis', coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'A41.9' }] } }, 'Diagnosis', 'A41.9'],
    ['partOf as one object', { partOf: { reference: 'Procedure/x' } }, 'Bag', null],
    ['a numeric code inside one object read as a list', { reasonCode: { text: 'Sepsis', coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 5 }] } }, 'Necessity', 'Sepsis'],
    ['a numeric site code', { dosage: { site: { coding: [{ system: 'http://snomed.info/sct', code: 368208006, display: 'Left arm' }] } } }, 'Site', 'Left arm'],
  ])('%s: read, where its meaning is clear, without a problem', (_name, extra, column, value) => {
    const f = read(ma(extra));
    expect(f.source.rows).toHaveLength(1);
    expect(cellOf(f, column)).toBe(value);
    expect(f.problems).toEqual([]);
  });

  test('a field that cannot be read is left out and named; the rest of the administration is coded', () => {
    const f = read(ma({ reasonCode: ['Sepsis', { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'A41.9' }] }], dosage: { route: { text: 'IV infusion' }, dose: { value: 'four', unit: 'mg' } } }));
    expect(f.source.rows).toHaveLength(1);
    expect([cellOf(f, 'Diagnosis'), cellOf(f, 'Dose'), cellOf(f, 'Route')]).toEqual(['A41.9', null, 'IV infusion']);
    expect(f.problems.map((p) => p.message)).toEqual([
      'MedicationAdministration/ma1: reasonCode.0 (Invalid input: expected object, received string) could not be read; the rest was read',
      'MedicationAdministration/ma1: dosage.dose.value (Invalid input) could not be read; the rest was read',
    ]);
    // The status is required: without one the administration is still not coded, and said so.
    const noStatus = read(ma({ id: 'bad', status: null }));
    expect(noStatus.counts.notCoded.get('unreadable')).toBe(1);
    expect(noStatus.problems[0].message).toBe('MedicationAdministration/bad: status: Invalid input: expected string, received null; not coded');
  });
});

describe('reading FHIR text', () => {
  test('NDJSON: a bad line is one problem with its line number; the other lines are read', () => {
    const c = new FhirCollector();
    const lines = [JSON.stringify(ma({ id: 'a' })), '{"resourceType": "MedicationAdministration", "id": ', '', '[1,2]', JSON.stringify(ma({ id: 'b' }))];
    lines.forEach((l, i) => c.addLine(l, i + 1));
    expect(c.resources.map((r) => [r.resource.id, r.line])).toEqual([['a', 1], ['b', 5]]);
    expect(c.problems.map((p) => p.line)).toEqual([2, 4]);
    expect(c.problems[0].message).toMatch(/^line 2 is not valid JSON/);
    expect(c.problems[1].message).toBe('line 4 is not a FHIR resource (it has no resourceType)');
  });

  test('a Bundle with a null entry, an entry that is not an object, or an id that is not text: the rest is read', () => {
    const c = new FhirCollector();
    c.addDocument(JSON.stringify({ resourceType: 'Bundle', entry: [{ resource: ma({ id: 'a' }) }, null, 7, { resource: ma({ id: null }) }] }));
    expect(c.resources.map((r) => r.resource.id)).toEqual(['a', undefined]);
    expect(c.problems.map((p) => p.message)).toEqual([
      'the document: Bundle entry 2 is not an entry (null)',
      'the document: Bundle entry 3 is not an entry (number)',
    ]);
    const odd = new FhirCollector();
    odd.addDocument(JSON.stringify({ resourceType: 'Bundle', entry: { resource: ma({}) } }));
    expect(odd.problems.map((p) => p.message)).toEqual(["the document: the Bundle's entry is not a list of entries"]);
  });

  test('a malformed .json document: one message with the line of the error', () => {
    const c = new FhirCollector();
    c.addDocument('{\n  "resourceType": "Bundle",\n  "entry": [\n    { "resource": { "resourceType": "Patient" } }\n    { "resource": {} }\n  ]\n}');
    expect(c.problems).toHaveLength(1);
    expect(c.problems[0]).toMatchObject({ line: 5, message: expect.stringMatching(/not valid JSON at line 5/) });
  });

  test('NDJSON saved as .json is read line by line', () => {
    const c = new FhirCollector();
    c.addDocument([JSON.stringify(ma({ id: 'a' })), 'oops', JSON.stringify(patient)].join('\n'));
    expect(c.resources.map((r) => r.resource.resourceType)).toEqual(['MedicationAdministration', 'Patient']);
    expect(c.problems[0].line).toBe(2);
  });
});
