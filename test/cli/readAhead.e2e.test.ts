/**
 * A big sheet is coded on a second thread while it is read (src/pipeline/readAhead, src/cli/blockWorker):
 * the coded copy and the summary are byte for byte the ones the command makes on one thread
 * (INFUSION_CODER_THREADS=1; the test asks for two with INFUSION_CODER_THREADS=2), for a sheet sorted by visit (every block stands) and for one whose visits
 * interleave (blocks are coded again on the reading thread).
 */
import * as fs from 'fs';
import * as path from 'path';
import { ZipWriter } from '../../src/outputs/xlsx/zip';
import { ROOT, ensureBuilt, run, sha256, tempDir } from './helpers';

const ROWS = 21000;
const HEADER = ['Visit #', 'MRN', 'Date of Service', 'Payer', 'Drug/Solution', 'Dose', 'Admin Route', 'Start Time', 'Stop Time', 'ICD10 Code', 'Medical Necessity'];
const DRUGS: [string, string, string, number][] = [
  ['ceftriaxone', '1 g', 'IV infusion', 30],
  ['Zofran', '4 mg', 'IV push', 0],
  ['Normal saline 1000 mL', '1000 mL', 'IV infusion', 120],
  ['Remicade', '400 mg', 'IV infusion', 135],
  ['Prolia', '60 mg', 'SQ', 0],
];
const PAYERS = ['Medicare', 'Aetna', 'Medicaid'];
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const hhmm = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const letter = (j: number) => String.fromCharCode(65 + j);

/** Rows of visits of 3-4 administrations; `interleaved`: sorted by start time, so visits mix. */
function rows(interleaved: boolean): string[][] {
  const out: { visit: number; start: number; cells: string[] }[] = [];
  for (let i = 0, visit = 0; i < ROWS; visit++) {
    let clock = 420 + ((visit * 37) % 600);
    for (let k = 0; k < 3 + (visit % 2) && i < ROWS; k++, i++) {
      const [drug, dose, route, minutes] = DRUGS[(visit + k) % DRUGS.length];
      const patient = Math.floor(visit / 2);
      out.push({
        visit,
        start: clock,
        cells: [`V${visit}`, `MRN${patient}`, `2026-03-${String(1 + (visit % 20)).padStart(2, '0')}`, PAYERS[visit % 3], drug, dose, route, hhmm(clock), minutes ? hhmm(clock + minutes) : '', 'R11.2', 'Nausea'],
      });
      clock += Math.max(minutes, 5) + 5;
    }
  }
  if (interleaved) out.sort((a, b) => a.start - b.start || a.visit - b.visit);
  return out.map((r) => r.cells);
}

function writeWorkbook(file: string, data: string[][]): void {
  const zip = new ZipWriter(file);
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  zip.add('[Content_Types].xml', [`<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`]);
  zip.add('_rels/.rels', [`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`]);
  zip.add('xl/workbook.xml', [`<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="Log" sheetId="1" r:id="rId1"/></sheets></workbook>`]);
  zip.add('xl/_rels/workbook.xml.rels', [`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`]);
  const sheet = function* () {
    yield `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${main}"><sheetData>`;
    const all = [HEADER, ...data];
    for (let r = 0; r < all.length; r++) {
      yield `<row r="${r + 1}">${all[r].map((v, j) => (v === '' ? '' : `<c r="${letter(j)}${r + 1}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`)).join('')}</row>`;
    }
    yield '</sheetData></worksheet>';
  };
  zip.add('xl/worksheets/sheet1.xml', sheet());
  zip.finish();
}

let dir: string;
beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
});

const CMS = path.join(ROOT, 'test', 'fixtures', 'cms');
/** The claims files (the coding thread loads them again): prices, NDC crosswalk, PTP edits, fees, payers. */
const CLAIMS_FILES = [
  '--asp', path.join(CMS, 'asp-pricing-2026-01.csv'),
  '--ndc-crosswalk', path.join(CMS, 'asp-ndc-hcpcs-2026-01.csv'),
  '--ptp', path.join(CMS, 'ccipra-v321r0-f1.txt'),
  '--fees', path.join(CMS, 'fees.csv'),
  '--payers', path.join(CMS, 'payers.csv'),
];

describe.each([
  ['sorted by visit', false, []],
  ['with visits interleaved', true, []],
  ['sorted by visit, with the claims files', false, CLAIMS_FILES],
])('a %s sheet coded on two threads', (name, interleaved, extra) => {
  it('gives the copy and summary one thread gives', () => {
    const input = path.join(dir, `log-${name.replace(/\W+/g, '-')}.xlsx`);
    writeWorkbook(input, rows(interleaved));
    // The second thread is asked for (on its own it starts only for a sheet part of 128 MB or more).
    expect(fs.statSync(input).size).toBeGreaterThan(100000);
    const two = run(['code', input, '--out', path.join(dir, 'two.xlsx'), ...extra], dir, { ...process.env, INFUSION_CODER_THREADS: '2' });
    const one = run(['code', input, '--out', path.join(dir, 'one.xlsx'), ...extra], dir, { ...process.env, INFUSION_CODER_THREADS: '1' });
    expect(two.code).toBe(0);
    expect(one.code).toBe(0);
    // The same summary but for the time taken and the file's name.
    const summary = (text: string) => text.replace(/ in [\d.]+ s -> .*/, '');
    expect(summary(two.stdout)).toBe(summary(one.stdout));
    expect(two.stdout).toMatch(/coded 21000 rows in \d+ encounters/);
    expect(two.stderr).toMatch(/coded [\d,]+ rows while reading, on a second thread/);
    expect(one.stderr).not.toMatch(/second thread/);
    expect(sha256(path.join(dir, 'two.xlsx'))).toBe(sha256(path.join(dir, 'one.xlsx')));
  });
});
