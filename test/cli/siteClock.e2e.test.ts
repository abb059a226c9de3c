/**
 * Times in UTC (`...Z`) are read on the site's clock in every export shape: an action log and a FHIR export of
 * one infusion give the same date of service and minutes on a computer in New York (the zone is the process's,
 * so the command line runs in a child process with TZ set).
 */
import * as fs from 'fs';
import * as path from 'path';
import { ensureBuilt, run, tempDir } from './helpers';

beforeAll(() => ensureBuilt());

test("an action log's UTC times are read as a FHIR export's are: on the site's clock", () => {
  const dir = tempDir();
  const log = path.join(dir, 'log.csv');
  fs.writeFileSync(
    log,
    'CSN,MRN,Order ID,Medication,MAR Action,Action Time,Dose,Route\n' +
      'E1,M1,O1,vancomycin,New Bag,2026-03-03T04:30:00Z,1 g,IV infusion\n' +
      'E1,M1,O1,vancomycin,Stopped,2026-03-03T05:45:00Z,,IV infusion\n',
  );
  const fhir = path.join(dir, 'export.json');
  const ma = {
    resourceType: 'MedicationAdministration', id: 'a1', status: 'completed', subject: { reference: 'Patient/p1' }, context: { reference: 'Encounter/e1' },
    medicationCodeableConcept: { text: 'vancomycin' }, effectivePeriod: { start: '2026-03-03T04:30:00Z', end: '2026-03-03T05:45:00Z' },
    dosage: { route: { text: 'IV infusion' }, dose: { value: 1, unit: 'g' } },
  };
  fs.writeFileSync(fhir, JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: ma }] }));
  const env = { ...process.env, TZ: 'America/New_York' };
  const read = (file: string) => {
    const r = run(['code', file, '--json'], dir, env);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    const result = json.result ?? json;
    return { date: result.encounters[0].date, minutes: result.rows.find((x: { minutes: number | null }) => x.minutes !== null)?.minutes };
  };
  expect(read(log)).toEqual({ date: '2026-03-02', minutes: 75 });
  expect(read(fhir)).toEqual({ date: '2026-03-02', minutes: 75 });
});
