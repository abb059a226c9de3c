/**
 * End to end: the same encounters written as flat rows, as Epic- and Cerner-shaped MAR action logs (.xlsx and
 * .csv) and as FHIR (Bundle and NDJSON) code to the same codes through the command line
 * (scripts/make-ehr-samples.js writes them).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import JSZip from 'jszip';
import { ensureBuilt, load, ROOT, run, tempDir } from '../cli/helpers';
import { columnLetters } from '../../src/sheet/columns';

const SHAPES = ['epic-mar.xlsx', 'epic-mar.csv', 'cerner-mar.xlsx', 'cerner-mar.csv', 'fhir-bundle.json', 'fhir-export.ndjson'];

interface JsonOut {
  encounters: { id: string; rows: number[]; cpt: Line[]; hcpcs: Line[] }[];
  rows: { row: number; status: string; explanation: string; cpt: Line[] }[];
  input?: { kind: string; summary: string };
}
interface Line {
  code: string;
  units: number;
  modifiers: string[];
}

function codeJson(dir: string, file: string): JsonOut {
  const r = run(['code', path.join(dir, file), '--json'], dir);
  if (r.code !== 0) throw new Error(`${file}: ${r.stderr}`);
  return JSON.parse(r.stdout) as JsonOut;
}

/** Encounter -> its claim lines as `code-mods xunits`, sorted. */
function claims(out: JsonOut): Record<string, string[]> {
  const byEncounter: Record<string, string[]> = {};
  for (const e of out.encounters) {
    byEncounter[e.id] = [...e.cpt, ...e.hcpcs].map((l) => `${l.code}${l.modifiers.map((m) => `-${m}`).join('')} x${l.units}`).sort();
  }
  return byEncounter;
}

describe('EHR exports code like the flat sheet of the same encounters', () => {
  let dir: string;
  let flat: Record<string, string[]>;
  beforeAll(() => {
    ensureBuilt();
    dir = tempDir();
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'make-ehr-samples.js'), dir, '40', '20260311']);
    flat = claims(codeJson(dir, 'flat.xlsx'));
  }, 120000);

  test('the flat sheet codes every encounter', () => {
    expect(Object.keys(flat)).toHaveLength(40);
    expect(Object.values(flat).every((lines) => lines.length > 0)).toBe(true);
  });

  test.each(SHAPES)('%s', (file) => {
    const out = codeJson(dir, file);
    expect(claims(out)).toEqual(flat);
    expect(out.input?.summary).toMatch(file.startsWith('fhir') ? /^FHIR: \d+ MedicationAdministration resources, \d+ coded/ : /^Action log: \d+ actions in \d+ administrations/);
  });

  test('every action row of the Epic log gets a result; an encounter lists its action rows', () => {
    const out = codeJson(dir, 'epic-mar.csv');
    const lines = fs.readFileSync(path.join(dir, 'epic-mar.csv'), 'utf8').trim().split(/\r?\n/).length;
    expect(out.rows.map((r) => r.row)).toEqual(Array.from({ length: lines - 1 }, (_, i) => i + 2));
    expect(out.rows.filter((r) => r.explanation === '').length).toBe(0);
    expect(out.encounters.reduce((n, e) => n + e.rows.length, 0)).toBe(lines - 1);
  });

  test('the coded action log keeps its sheet and adds IC Administrations; a second run replaces it', async () => {
    const first = path.join(dir, 'epic.coded.xlsx');
    expect(run(['code', path.join(dir, 'epic-mar.xlsx'), '--out', first], dir).code).toBe(0);
    const again = path.join(dir, 'epic.coded2.xlsx');
    const r = run(['code', first, '--out', again], dir);
    expect(r.stdout).toMatch(/^Action log: \d+ actions in \d+ administrations/);
    const wb = await load(again);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['MAR_ADMIN_INFO', 'IC Administrations']);
    const admin = wb.getWorksheet('IC Administrations')!;
    expect(admin.getRow(1).values).toEqual(expect.arrayContaining(['Encounter', 'Drug', 'Start', 'Stop', 'Paused min', 'Minutes', 'Volume mL', 'Source rows', 'IC CPT', 'IC HCPCS']));
    expect(admin.rowCount - 1).toBe(Number(/in (\d+) administrations/.exec(r.stdout)![1]));
  });

  test('CSV copies of an export follow the CSV options: a byte-order mark, formulas neutralised, the tables beside', () => {
    const out = path.join(dir, 'fhir.coded.csv');
    expect(run(['code', path.join(dir, 'fhir-export.ndjson'), '--out', out, '-q'], dir).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8').charCodeAt(0)).toBe(0xfeff);
    const plain = path.join(dir, 'fhir.plain.csv');
    expect(run(['code', path.join(dir, 'fhir-export.ndjson'), '--out', plain, '-q', '--no-bom'], dir).code).toBe(0);
    expect(fs.readFileSync(plain, 'utf8').charCodeAt(0)).not.toBe(0xfeff);
    const log = path.join(dir, 'mar.coded.csv');
    expect(run(['code', path.join(dir, 'epic-mar.csv'), '--out', log, '-q'], dir).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'mar.coded.administrations.csv'), 'utf8').charCodeAt(0)).toBe(0xfeff);
  });

  test('a FHIR export becomes a coded workbook: one row per administration with its FHIR id', async () => {
    const out = path.join(dir, 'fhir.coded.xlsx');
    const r = run(['code', path.join(dir, 'fhir-export.ndjson'), '--out', out], dir);
    expect(r.code).toBe(0);
    const ws = (await load(out)).getWorksheet('MedicationAdministration')!;
    const header = ws.getRow(1).values as unknown[];
    expect(header).toEqual(expect.arrayContaining(['FHIR id', 'Drug', 'Start', 'Stop', 'IC CPT', 'IC HCPCS', 'IC Status', 'IC Flags']));
    expect(String(ws.getRow(2).getCell(1).value)).toMatch(/^ma-/);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    // Problem cells are highlighted as on every coded copy: a rule per flagged column, reading IC Flags.
    const zip = await JSZip.loadAsync(fs.readFileSync(out));
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const flagsColumn = columnLetters(header.indexOf('IC Flags'));
    const rules = [...sheet.matchAll(/<conditionalFormatting sqref="([A-Z]+)\d+:[A-Z]+\d+"><cfRule [^>]*><formula>ISNUMBER\(SEARCH\(" ([EW]:\w+) "," "&amp;\$([A-Z]+)\d+/g)];
    expect(rules.length).toBeGreaterThan(0);
    for (const [, , , flags] of rules) expect(flags).toBe(flagsColumn);
    // every token written in IC Flags has its rule, on the column of that field
    const tokens = new Set<string>();
    ws.getColumn(header.indexOf('IC Flags')).eachCell((c, row) => {
      if (row > 1) for (const t of String(c.value ?? '').split(' ').filter(Boolean)) tokens.add(t);
    });
    expect(tokens.size).toBeGreaterThan(0);
    for (const token of tokens) {
      const field = token.slice(2);
      const rule = rules.find((m) => m[2] === token);
      expect(rule).toBeDefined();
      const column = header.indexOf(field.charAt(0).toUpperCase() + field.slice(1));
      if (column > 0) expect(rule![1]).toBe(columnLetters(column));
    }
  });

  test('a FHIR line that is not JSON is one warning with its line number; the rest still codes', () => {
    const file = path.join(dir, 'broken.ndjson');
    const lines = fs.readFileSync(path.join(dir, 'fhir-export.ndjson'), 'utf8').trim().split('\n');
    lines.splice(3, 0, '{"resourceType": "MedicationAdministration", "id": ');
    fs.writeFileSync(file, lines.join('\n'));
    const r = run(['code', file, '--json'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: .*broken\.ndjson: line 4 is not valid JSON/);
    expect(claims(JSON.parse(r.stdout) as JsonOut)).toEqual(flat);
  });
});

describe('FHIR times in UTC (Z)', () => {
  it("are read on this computer's clock, the site's: a late-evening dose stays on its date of service", () => {
    ensureBuilt();
    const dir = tempDir();
    const resource = {
      resourceType: 'MedicationAdministration', id: 'z1', status: 'completed', subject: { reference: 'Patient/p1' }, context: { reference: 'Encounter/e1' },
      medicationCodeableConcept: { text: 'ondansetron' }, effectiveDateTime: '2026-03-13T03:10:00Z',
      dosage: { route: { coding: [{ system: 'http://snomed.info/sct', code: '47625008' }] }, method: { text: 'push' }, dose: { value: 4, unit: 'mg' } },
    };
    const file = path.join(dir, 'utc.ndjson');
    fs.writeFileSync(file, `${JSON.stringify(resource)}\n`);
    const out = execFileSync(process.execPath, [path.join(ROOT, 'bin', 'infusion-coder.js'), 'code', file, '--json', '-q'], { env: { ...process.env, TZ: 'America/New_York' } }).toString();
    const json = JSON.parse(out) as { encounters: { date: string }[]; rows: { cpt: Line[] }[] };
    expect(json.encounters[0].date).toBe('2026-03-12');
    expect(json.rows[0].cpt.map((c) => c.code)).toEqual(['96374']);
  });
});
