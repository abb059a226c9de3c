/**
 * End to end: `node bin/infusion-coder.js code ...` on temp files (dist is built by `npm test`'s pretest).
 */
import * as fs from 'fs';
import * as path from 'path';
import JSZip from 'jszip';
import {
  dumpSheet, ensureBuilt, headerColumns, load, noteText, run, sha256, tempDir, writeFixture,
} from './helpers';

const DERIVED = ['IC CPT', 'IC HCPCS', 'IC NDC', 'IC Modifiers', 'IC Minutes', 'IC Status', 'IC Findings', 'IC Explanation'];
const ERROR_ARGB = 'FFFFC7CE';
/** The IC Flags column, right of the derived columns (N .. U). */
const FLAGS = 'V';

/** Our highlight rules of a sheet part: the column each fills, its fill (dxfId) and the token it looks for. */
function highlightRules(sheet: string): { column: string; range: string; dxf: number; token: string; flags: string }[] {
  return [...sheet.matchAll(/<conditionalFormatting sqref="(([A-Z]+)\d+:[A-Z]+\d+)"><cfRule type="expression" dxfId="(\d+)"[^>]*><formula>ISNUMBER\(SEARCH\(" ([EW]:\w+) "," "&amp;\$([A-Z]+\d+)&amp;" "\)\)<\/formula>/g)].map((m) => ({
    range: m[1],
    column: m[2],
    dxf: Number(m[3]),
    token: m[4],
    flags: m[5],
  }));
}

let dir: string;
let input: string;

beforeAll(async () => {
  ensureBuilt();
  dir = tempDir();
  input = path.join(dir, 'log.xlsx');
  await writeFixture(input);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('infusion-coder code INPUT.xlsx', () => {
  let inputHash: string;
  let first: ReturnType<typeof run>;
  const output = () => path.join(dir, 'log.coded.xlsx');

  beforeAll(() => {
    inputHash = sha256(input);
    first = run(['code', 'log.xlsx'], dir);
  });

  it('exits 0 and writes INPUT.coded.xlsx, leaving the input unchanged', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/coded 4 rows in 3 encounters/);
    expect(fs.existsSync(output())).toBe(true);
    expect(sha256(input)).toBe(inputHash);
  });

  it('adds the derived columns right of the user columns, headers bold', async () => {
    const ws = (await load(output())).getWorksheet('Log')!;
    const cols = headerColumns(ws, 4);
    DERIVED.forEach((h, i) => expect(cols.get(h)).toBe(14 + i));
    expect(ws.getCell(4, 14).font?.bold).toBe(true);
    const at = (row: number, header: string) => ws.getCell(row, cols.get(header)!).value;
    expect(at(5, 'IC CPT')).toBe('96365');
    expect(at(5, 'IC HCPCS')).toBe('J0696 x4');
    expect(at(5, 'IC Minutes')).toBe(35);
    expect(at(5, 'IC Status')).toBe('OK');
    expect(at(6, 'IC CPT')).toBe('96375');
    expect(at(7, 'IC Status')).toBeNull(); // the blank row stays blank
    expect(at(8, 'IC Status')).toBe('Error');
    expect(String(at(8, 'IC Findings'))).toMatch(/^missing-stop-time: /m);
    expect(String(at(8, 'IC Findings'))).toMatch(/^missing-necessity: /m);
    expect(at(9, 'IC CPT')).toBe('96360; 96361');
    expect(at(9, 'IC Minutes')).toBe(135);
    expect(String(at(5, 'IC Explanation'))).toMatch(/96365/);
  });

  it('highlights the cell behind each error by a conditional format of ours and notes the finding on it', async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(output()));
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const styles = await zip.file('xl/styles.xml')!.async('string');
    // one rule per column, over the table's rows, reading the row's IC Flags: Time Out (J) and Indication (L)
    const rules = highlightRules(sheet);
    const stop = rules.find((r) => r.column === 'J')!;
    const necessity = rules.find((r) => r.column === 'L')!;
    expect([stop.range, stop.token, stop.flags]).toEqual(['J5:J9', 'E:stop', `${FLAGS}5`]);
    expect([necessity.range, necessity.token]).toEqual(['L5:L9', 'E:necessity']);
    const dxfs = /<dxfs[^>]*>([\s\S]*?)<\/dxfs>/.exec(styles)![1].match(/<dxf>[\s\S]*?<\/dxf>/g)!;
    expect(dxfs[stop.dxf]).toContain(ERROR_ARGB);
    // row 8's flags name both (Time Out blank; #N/A counts as blank), row 5's neither
    const flagsOf = (row: number) => new RegExp(`<c r="${FLAGS}${row}"[^>]*><is><t xml:space="preserve">([^<]*)<`).exec(sheet)?.[1] ?? '';
    expect(flagsOf(8).split(' ')).toEqual(expect.arrayContaining(['E:stop', 'E:necessity']));
    expect(flagsOf(5)).not.toMatch(/stop|necessity/);
    expect(sheet).toMatch(new RegExp(`<c r="${FLAGS}4" s="\\d+" t="inlineStr"><is><t xml:space="preserve">IC Flags<`));
    const comments = await zip.file('xl/comments1.xml')!.async('string');
    expect(comments).toMatch(/<comment ref="J8"[^>]*><text><r><t xml:space="preserve">Infusion Coder: [^<]*stop/i);
    expect(comments).toMatch(/<comment ref="L8"[^>]*><text><r><t xml:space="preserve">Infusion Coder: /);
    expect(comments).not.toMatch(/ref="J5"/);
  });

  it('keeps user columns, user formatting and other sheets exactly as they were', async () => {
    const before = await load(input);
    const after = await load(output());
    const b = dumpSheet(before.getWorksheet('Log')!, 13);
    const a = dumpSheet(after.getWorksheet('Log')!, 13);
    for (const addr of ['J8', 'L8']) {
      a.delete(addr);
      b.delete(addr);
    }
    expect(a).toEqual(b);
    expect(dumpSheet(after.getWorksheet('Charges')!)).toEqual(dumpSheet(before.getWorksheet('Charges')!));
    expect(after.getWorksheet('Charges')!.getCell('A1').font?.bold).toBe(true);
    expect(after.worksheets.map((w) => w.name)).toEqual(['Log', 'Charges']);
    // the user's yellow fill, the user's note and a user fill of Excel's "Bad" colour stay
    const log = after.getWorksheet('Log')!;
    expect((log.getCell('M5').fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe('FFFFFF00');
    expect(noteText(log.getCell('B9').note)).toBe('Patient prefers left arm');
    expect((log.getCell('M9').fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe(ERROR_ARGB);
    // merged cells stay merged
    expect(log.getCell('A6').isMerged).toBe(true);
    expect(log.getCell('B1').isMerged).toBe(true);
  });

  it('coding its own output again gives the same workbook (columns replaced, never duplicated)', async () => {
    const again = run(['code', 'log.coded.xlsx', '--out', 'log.twice.xlsx'], dir);
    expect(again.code).toBe(0);
    const a = await load(output());
    const b = await load(path.join(dir, 'log.twice.xlsx'));
    for (const name of ['Log', 'Charges']) {
      expect(dumpSheet(b.getWorksheet(name)!)).toEqual(dumpSheet(a.getWorksheet(name)!));
    }
    expect([...headerColumns(b.getWorksheet('Log')!, 4).keys()].filter((h) => h.startsWith('IC '))).toEqual([...DERIVED, 'IC Flags']);
  });

  it('clears the highlight and note once the user fixes the cell', async () => {
    const wb = await load(output());
    const ws = wb.getWorksheet('Log')!;
    ws.getCell('J8').value = '11:05';
    ws.getCell('L8').value = 'Cellulitis failing oral antibiotics';
    await wb.xlsx.writeFile(path.join(dir, 'fixed.xlsx'));
    const r = run(['code', 'fixed.xlsx'], dir);
    expect(r.code).toBe(0);
    const out = (await load(path.join(dir, 'fixed.coded.xlsx'))).getWorksheet('Log')!;
    expect(out.getCell('J8').note).toBeUndefined();
    expect((out.getCell('J8').fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb).not.toBe(ERROR_ARGB);
    // no rule fills J8 any more: its row's flags are gone, and the rules exceljs wrote back are ours, replaced
    expect(out.getCell(`${FLAGS}8`).value ?? null).toBeNull();
    const sheet = await (await JSZip.loadAsync(fs.readFileSync(path.join(dir, 'fixed.coded.xlsx')))).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(highlightRules(sheet).filter((r) => r.column === 'J' || r.column === 'L')).toEqual([]);
    expect(out.getCell('L8').note).toBeUndefined();
    expect(out.getCell(8, headerColumns(out, 4).get('IC Status')!).value).toBe('OK');
    // the user's own note and "Bad" fill are still there
    expect(noteText(out.getCell('B9').note)).toBe('Patient prefers left arm');
    expect((out.getCell('M9').fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe(ERROR_ARGB);
  });

  it('refuses to overwrite the input', () => {
    const r = run(['code', 'log.xlsx', '--out', './log.xlsx'], dir);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(sha256(input)).toBe(inputHash);
  });
});

describe('--json', () => {
  it('prints the documented shape on stdout and writes no file', () => {
    const r = run(['code', 'log.xlsx', '--json', '--out', 'never.xlsx'], dir);
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'never.xlsx'))).toBe(false);
    const doc = JSON.parse(r.stdout);
    expect(Array.isArray(doc.encounters)).toBe(true);
    expect(Array.isArray(doc.rows)).toBe(true);
    const e100 = doc.encounters.find((e: { id: string }) => e.id === 'E100');
    expect(e100.rows).toEqual([5, 6]); // the merged FIN cell covers both rows
    expect(e100.cpt).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: '96365', units: 1, modifiers: [] }),
        expect.objectContaining({ code: '96375', units: 1, modifiers: [] }),
      ]),
    );
    expect(e100.hcpcs).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'J0696', units: 4, modifiers: [] })]));
    expect(doc.rows.map((r: { row: number }) => r.row)).toEqual([5, 6, 8, 9]);
    const row8 = doc.rows.find((r: { row: number }) => r.row === 8);
    expect(row8.encounter).toBe('E200');
    expect(row8.findings).toEqual(
      expect.arrayContaining([
        { id: 'missing-stop-time', severity: 'error', field: 'stop', column: 'Time Out', message: expect.any(String), row: 8 },
        expect.objectContaining({ id: 'missing-necessity', severity: 'error', field: 'necessity', column: 'Indication' }),
      ]),
    );
    for (const row of doc.rows) {
      expect(Object.keys(row)).toEqual(expect.arrayContaining(['row', 'encounter', 'cpt', 'hcpcs', 'findings', 'explanation']));
      expect(typeof row.explanation).toBe('string');
    }
    expect(doc.mapping).toMatchObject({ encounter: 'FIN', start: 'Time In', stop: 'Time Out', drug: 'Drug/Solution' });
  });
});

describe('csv input', () => {
  const csv = [
    'Visit #,Pt Name,Date of Service,Drug,Dose,Route,Start Time,Stop Time,Dx,Medical Necessity,Notes from clinic',
    'V1,"Doe, Jane",3/2/2026,ceftriaxone,1 g,IV infusion,0930,1005,N39.0,"UTI, vomiting",first dose',
    'V1,"Doe, Jane",3/2/2026,ondansetron,4 mg,IV push,9:30 AM,,R11.2,Nausea,',
    '',
    'V2,"Roe, Sam",3/3/2026,NS,1000 mL,IV infusion,08:00,10:16,E86.0,Dehydration,',
  ].join('\r\n');

  beforeAll(() => fs.writeFileSync(path.join(dir, 'visits.csv'), csv));

  it('reads 0930 and 9:30 AM, and writes an .xlsx copy by default', async () => {
    const r = run(['code', 'visits.csv'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const ws = (await load(path.join(dir, 'visits.coded.xlsx'))).worksheets[0];
    const cols = headerColumns(ws, 1);
    expect(cols.get('IC CPT')).toBe(12);
    expect(ws.getCell(2, cols.get('IC Minutes')!).value).toBe(35);
    expect(ws.getCell(2, cols.get('IC CPT')!).value).toBe('96365');
    expect(ws.getCell(3, cols.get('IC CPT')!).value).toBe('96375');
    expect(ws.getCell(5, cols.get('IC CPT')!).value).toBe('96360; 96361');
    expect(ws.getCell(2, 7).value).toBe('0930'); // text stays text
    expect(ws.getCell(2, 11).value).toBe('first dose');
  });

  it('writes CSV when --out ends with .csv, and a second run replaces its columns', () => {
    expect(run(['code', 'visits.csv', '--out', 'coded.csv'], dir).code).toBe(0);
    const once = fs.readFileSync(path.join(dir, 'coded.csv'), 'utf8');
    const header = once.split('\r\n')[0].split(',');
    expect(header.slice(11)).toEqual(DERIVED);
    expect(run(['code', 'coded.csv', '--out', 'coded2.csv'], dir).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'coded2.csv'), 'utf8')).toBe(once);
  });
});

describe('options', () => {
  it('--sheet picks a sheet and names the sheets when it does not exist', () => {
    const ok = run(['code', 'log.xlsx', '--sheet', 'log', '--json'], dir);
    expect(ok.code).toBe(0);
    const bad = run(['code', 'log.xlsx', '--sheet', 'Nope'], dir);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/'Log', 'Charges'/);
    const noTable = run(['code', 'log.xlsx', '--sheet', 'Charges'], dir);
    expect(noTable.code).not.toBe(0);
    expect(noTable.stderr).toMatch(/no table/);
  });

  it('--map overrides the detected column', () => {
    const r = run(['code', 'log.xlsx', '--json', '--map', 'necessity=Chair'], dir);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.mapping.necessity).toBe('Chair');
    const row8 = doc.rows.find((x: { row: number }) => x.row === 8);
    expect(row8.findings.map((f: { id: string }) => f.id)).not.toContain('missing-necessity');
  });

  it('--setting office switches the setting of rows without one', () => {
    const r = run(['code', 'visits.csv', '--json', '--setting', 'office'], dir);
    const doc = JSON.parse(r.stdout);
    expect(doc.encounters.every((e: { setting: string }) => e.setting === 'office')).toBe(true);
  });

  it('--help and --version', () => {
    expect(run(['--help'], dir).stdout).toMatch(/infusion-coder code INPUT/);
    expect(run(['code', '--help'], dir).stdout).toMatch(/--drug-map FILE/);
    expect(run(['--version'], dir).stdout.trim()).toMatch(/^infusion-coder \d+\.\d+\.\d+, rules edition 2, drug catalog 2026 \(302 rows\)$/);
  });

  it('report dispatches to the report command', () => {
    const r = run(['report', '--help'], dir);
    expect(r.stderr).not.toMatch(/unknown command/);
  });
});

describe('files it cannot read', () => {
  const cases: [string, Buffer | string | null][] = [
    ['text.xlsx', 'this is not a workbook'],
    ['empty.xlsx', Buffer.alloc(0)],
    ['zipjunk.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)])],
    ['old.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)])],
    ['missing.xlsx', null],
  ];
  it.each(cases)('%s: one line on stderr, non-zero exit, no stack trace', (name, content) => {
    if (content !== null) fs.writeFileSync(path.join(dir, name), content);
    const r = run(['code', name], dir);
    expect(r.code).not.toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^infusion-coder: .*${name.replace('.', '\\.')}`));
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('a truncated workbook', () => {
    const whole = fs.readFileSync(input);
    fs.writeFileSync(path.join(dir, 'cut.xlsx'), whole.subarray(0, Math.floor(whole.length / 2)));
    const r = run(['code', 'cut.xlsx'], dir);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('usage errors exit 2 with one line', () => {
    for (const args of [['code'], ['code', 'a.xlsx', 'b.xlsx'], ['code', 'log.xlsx', '--setting', 'home'], ['code', 'log.xlsx', '--map', 'colour=Red'], ['frobnicate']]) {
      const r = run(args, dir);
      expect([args, r.code]).toEqual([args, 2]);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('the summary names the columns it did not read', () => {
  it("a column the user expected to count (Chair Time (min)) is named, with how to map one; a Duration (min) is read", () => {
    const csv = path.join(dir, 'duration.csv');
    fs.writeFileSync(csv, 'Encounter,Drug,Dose,Route,Start,Duration (min),Chair Time (min),Site\r\nE1,vancomycin,1 g,IV infusion,09:00,90,120,L arm\r\n');
    const r = run(['code', 'duration.csv', '--out', 'duration.coded.xlsx'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/columns not read: 'Chair Time \(min\)' \(to read one, --map field=Header\)/);
    expect(r.stdout).not.toMatch(/columns not read:.*'(Drug|Dose|Site|Duration \(min\))'/);
  });
});
