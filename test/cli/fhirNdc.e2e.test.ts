/**
 * End to end: a FHIR export's NDC (a Medication coding in the NDC system) is the coded workbook's NDC column
 * and the ndc field, so NDC findings are noted on the NDC cell, not on the drug cell.
 */
import * as fs from 'fs';
import * as path from 'path';
import JSZip from 'jszip';
import { columnLetters } from '../../src/sheet/columns';
import { ensureBuilt, headerColumns, load, noteText, run, tempDir } from './helpers';

const NDC_SYSTEM = 'http://hl7.org/fhir/sid/ndc';

function administration(id: string, drug: string, ndc: string | null, dose: number, unit: string) {
  return {
    resourceType: 'MedicationAdministration',
    id,
    status: 'completed',
    subject: { reference: 'Patient/p1' },
    context: { reference: 'Encounter/e1' },
    medicationCodeableConcept: { text: drug, coding: ndc ? [{ system: NDC_SYSTEM, code: ndc }] : [] },
    effectiveDateTime: '2026-03-02T09:00:00-05:00',
    dosage: { route: { coding: [{ system: 'http://snomed.info/sct', code: '47625008' }] }, method: { text: 'push' }, dose: { value: dose, unit } },
    reasonCode: [{ coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'R11.2' }], text: 'Nausea' }],
  };
}

let dir: string;

beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
  const bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { resource: { resourceType: 'Patient', id: 'p1', identifier: [{ value: 'MRN-1' }] } },
      { resource: { resourceType: 'Encounter', id: 'e1', identifier: [{ value: 'FIN-1' }], class: { code: 'EMER' } } },
      // Row 2: a readable NDC; row 3: one that fits no layout; row 4: J3490 without an NDC.
      { resource: administration('ma-1', 'ondansetron', '0641-6078-25', 4, 'mg') },
      { resource: administration('ma-2', 'ketorolac', '0641-607-25', 30, 'mg') },
      { resource: administration('ma-3', 'famotidine', null, 20, 'mg') },
    ],
  };
  fs.writeFileSync(path.join(dir, 'export.json'), JSON.stringify(bundle));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

it('notes NDC findings on the NDC cell of the coded FHIR workbook', async () => {
  const r = run(['code', 'export.json', '--out', 'export.coded.xlsx'], dir);
  expect([r.code, r.stderr]).toEqual([0, '']);
  const ws = (await load(path.join(dir, 'export.coded.xlsx'))).getWorksheet('MedicationAdministration')!;
  const cols = headerColumns(ws, 1);
  const cell = (row: number, header: string) => ws.getCell(row, cols.get(header)!);
  expect([cell(2, 'NDC').value, cell(2, 'IC NDC').value]).toEqual(['00641-6078-25', '00641-6078-25']);
  expect(cell(3, 'NDC').value).toBe('0641-607-25');
  expect(noteText(cell(3, 'NDC').note)).toMatch(/'0641-607-25' is not an NDC/);
  // Row 4's NDC cell is blank: the sheet holds no cell there, and exceljs reads no note without one. Excel
  // shows the note from the comments part, so that is where it is checked.
  const zip = await JSZip.loadAsync(fs.readFileSync(path.join(dir, 'export.coded.xlsx')));
  const comments = await zip.file('xl/comments1.xml')!.async('string');
  const ref = `${columnLetters(cols.get('NDC')!)}4`;
  expect(comments).toMatch(new RegExp(`<comment ref="${ref}"[^>]*>.*?J3490 is a not-otherwise-classified drug code: the claim needs the NDC`));
  for (const row of [3, 4]) expect(noteText(cell(row, 'Drug').note)).not.toMatch(/NDC/);
});
