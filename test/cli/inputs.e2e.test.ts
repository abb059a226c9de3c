/**
 * The command line says the right thing about the file in front of it (real .xls/.ods/zip bytes made here),
 * --map names real, filled columns, --quiet prints nothing, and every example in --help and the README runs.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { HELP } from '../../src/cli/main';
import { CODE_HELP } from '../../src/cli/args';
import { REPORT_HELP } from '../../src/cli/report';
import { BIN, ROOT, ensureBuilt, run, tempDir } from './helpers';
import { compoundFile, odsFile, zipPackage } from './officeFiles';

let dir: string;
const SAMPLE = path.join(ROOT, 'examples', 'infusions.xlsx');
const CSV = 'Visit,Drug,Dose,Route,Start,Stop,Dx,Necessity,Notes\nV1,ceftriaxone,1 g,IV infusion,09:00,09:40,A41.9,sepsis,\nV1,NS,1000 mL,IV infusion,09:00,11:00,A41.9,dehydration,\n';

beforeAll(() => {
  ensureBuilt();
  dir = tempDir();
  fs.writeFileSync(path.join(dir, 'visits.csv'), CSV);
});

function oneLine(args: string[]): { code: number; line: string } {
  const r = run(args, dir);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  return { code: r.code, line: lines[0] };
}

describe('the file type comes from the bytes', () => {
  it.each([
    ['march.xls', compoundFile(), 'it is an old .xls workbook (Excel 97-2003); save it as .xlsx or .csv'],
    ['renamed.xlsx', compoundFile(), 'it is an old .xls workbook (Excel 97-2003); save it as .xlsx or .csv'],
    ['march.ods', odsFile(), 'it is an OpenDocument spreadsheet (.ods); save it as .xlsx'],
    ['renamed.xlsx', odsFile(), 'it is an OpenDocument spreadsheet (.ods); save it as .xlsx'],
    ['photos.zip', zipPackage({ 'img/1.txt': 'not a picture' }), 'it is a zip archive that does not hold an Excel workbook'],
    ['scan.csv', Buffer.from('%PDF-1.4\n%\xe2\xe3'), 'it is a PDF document, not a spreadsheet'],
    ['dump.bin', Buffer.from([0, 1, 2, 3, 0, 0, 9]), 'it is binary data, neither an .xlsx workbook nor a text (CSV) file'],
  ])('%s: one line naming what it is', (name, bytes, message) => {
    fs.writeFileSync(path.join(dir, name), bytes);
    const { code, line } = oneLine(['code', name]);
    expect(code).toBe(1);
    expect(line.startsWith(`infusion-coder: cannot read ${name}: ${message}`)).toBe(true);
  });

  it('a text file that is not .csv/.tsv/.txt is refused unless --format csv', () => {
    fs.writeFileSync(path.join(dir, 'README.md'), '# Notes\n\nNothing to code here.\n');
    const refused = oneLine(['code', 'README.md']);
    expect(refused.code).toBe(1);
    expect(refused.line).toMatch(/cannot read README\.md: it is a text file, not \.csv\/\.tsv\/\.txt; .*--format csv/);

    fs.writeFileSync(path.join(dir, 'export.dat'), CSV);
    expect(oneLine(['code', 'export.dat']).line).toMatch(/text file/);
    const r = run(['code', 'export.dat', '--format', 'csv', '--json'], dir);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { rows: unknown[] }).rows).toHaveLength(2);
    expect(oneLine(['code', 'export.dat', '--format', 'pdf']).code).toBe(2);
  });

  it('an .xlsx saved with a .csv name is read as the workbook it is', () => {
    fs.copyFileSync(SAMPLE, path.join(dir, 'looks-like.csv'));
    const r = run(['code', 'looks-like.csv', '--json'], dir);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { sheet: string }).sheet).toBe('Infusion Log');
  });
});

describe('--map', () => {
  it('a header that does not exist is a usage error listing the columns found', () => {
    const { code, line } = oneLine(['code', 'visits.csv', '--map', 'necessity=Reason for visit']);
    expect(code).toBe(2);
    expect(line).toBe(
      "infusion-coder: --map necessity=Reason for visit: no column with that header; the columns found are 'Visit', 'Drug', 'Dose', 'Route', 'Start', 'Stop', 'Dx', 'Necessity', 'Notes'",
    );
  });

  it('a column empty in every row is a usage error listing the columns found', () => {
    const { code, line } = oneLine(['code', 'visits.csv', '--map', 'necessity=Notes']);
    expect(code).toBe(2);
    expect(line).toMatch(/^infusion-coder: --map necessity=Notes: column 'Notes' is empty in every row; the columns found are 'Visit', 'Drug'/);
    const byLetter = oneLine(['code', 'visits.csv', '--map', 'necessity=I']);
    expect(byLetter.line).toMatch(/column 'Notes' is empty in every row/);
  });

  it('a filled column is used', () => {
    const r = run(['code', 'visits.csv', '--map', 'necessity=Dx', '--json'], dir);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { mapping: Record<string, string> }).mapping.necessity).toBe('Dx');
  });
});

describe('--quiet', () => {
  it('prints nothing when it works, and still writes the file', () => {
    const r = run(['code', 'visits.csv', '--quiet'], dir);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
    expect(fs.existsSync(path.join(dir, 'visits.coded.xlsx'))).toBe(true);
    const bad = run(['code', 'missing.csv', '-q'], dir);
    expect(bad.stderr).toMatch(/no such file/);
  });
});

/** `npx infusion-coder ...` lines of a text (help or a Markdown code block), as shell commands. */
function exampleCommands(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim().replace(/\s+#\s.*$/, ''))
    .filter((l) => /^npx infusion-coder /.test(l));
}

describe('every example runs as written', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const inlineReadme = [...readme.matchAll(/`(npx infusion-coder [^`]+)`/g)].map((m) => m[1]);
  const sources: [string, string[]][] = [
    ['infusion-coder --help', exampleCommands(HELP)],
    ['infusion-coder code --help', exampleCommands(CODE_HELP)],
    ['infusion-coder report --help', exampleCommands(REPORT_HELP)],
    ['README.md', [...exampleCommands(readme), ...inlineReadme].filter((c) => c.includes('examples/'))],
  ];

  it('the help and README show npx infusion-coder and how to get a bare command', () => {
    for (const [name, commands] of sources) expect([name, commands.length > 0]).toEqual([name, true]);
    for (const text of [HELP, readme]) {
      expect(text).toMatch(/npm link/);
      expect(text).toMatch(/npm install -g \./);
    }
  });

  it.each(sources)('the examples of %s', (_name, commands) => {
    for (const command of commands) {
      const work = tempDir();
      fs.mkdirSync(path.join(work, 'examples'));
      fs.copyFileSync(SAMPLE, path.join(work, 'examples', 'infusions.xlsx'));
      // Examples that read a file an earlier example writes get it first.
      if (command.includes('infusions.coded.xlsx') && command.startsWith('npx infusion-coder report')) {
        run(['code', 'examples/infusions.xlsx', '-q'], work);
      }
      const shell = command.replace(/^npx infusion-coder/, `"${process.execPath}" "${BIN}"`);
      const r = spawnSync('sh', ['-c', shell], { cwd: work, encoding: 'utf8' });
      expect([command, r.status, r.stderr]).toEqual([command, 0, '']);
    }
  });
});
