/**
 * Two builds of one report are the same bytes (docs/managers.md): every zip entry is dated the minute the
 * report states, SOURCE_DATE_EPOCH's when it is set, never the clock of the moment each part was written.
 * The clock is faked (Date only), so the builds run at times that would have told them apart.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { runReport } from '../../src/cli/report';

const ONLY_DATE: Parameters<typeof jest.useFakeTimers>[0] = {
  doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
};

let dir: string;
const epoch = process.env.SOURCE_DATE_EPOCH;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-report-bytes-'));
  fs.writeFileSync(
    path.join(dir, 'log.csv'),
    'Encounter,Patient,DOS,Drug,Dose,Route,Start,Stop,Dx,Necessity,Nurse\n' +
      'A1,MRN9,2026-04-02,ceftriaxone,1 g,IV infusion,09:00,09:40,N39.0,UTI,RN Lee\n' +
      'A1,MRN9,2026-04-02,ondansetron,4 mg,IV push,09:45,,R11.2,nausea,RN Lee\n',
  );
  jest.useFakeTimers(ONLY_DATE);
});

afterAll(() => {
  jest.useRealTimers();
  if (epoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
  else process.env.SOURCE_DATE_EPOCH = epoch;
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Builds the report of log.csv with the clock at `now`; its bytes and the dates of its zip entries. */
async function build(now: string, out: string): Promise<{ bytes: Buffer; dates: string[] }> {
  jest.setSystemTime(new Date(now));
  let stderr = '';
  const code = await runReport([path.join(dir, 'log.csv'), '--out', path.join(dir, out), '-q', '--no-chart'], { stdout: () => undefined, stderr: (t) => void (stderr += t), stderrIsTTY: false });
  expect([code, stderr]).toEqual([0, '']);
  const bytes = fs.readFileSync(path.join(dir, out));
  const zip = await JSZip.loadAsync(bytes);
  return { bytes, dates: [...new Set(Object.values(zip.files).map((f) => f.date.toISOString()))] };
}

it('two builds in one minute are the same bytes, their entries dated that minute', async () => {
  delete process.env.SOURCE_DATE_EPOCH;
  const first = await build('2026-05-04T10:15:03Z', 'a.xlsx');
  const second = await build('2026-05-04T10:15:58Z', 'b.xlsx');
  expect(first.dates).toEqual(['2026-05-04T10:15:00.000Z']);
  expect(second.bytes.equals(first.bytes)).toBe(true);
});

it('with SOURCE_DATE_EPOCH, builds on different days are the same bytes, dated the epoch', async () => {
  process.env.SOURCE_DATE_EPOCH = '1767225600'; // 2026-01-01
  const first = await build('2026-05-04T10:15:03Z', 'c.xlsx');
  const second = await build('2026-06-11T16:40:21Z', 'd.xlsx');
  expect(first.dates).toEqual(['2026-01-01T00:00:00.000Z']);
  expect(second.bytes.equals(first.bytes)).toBe(true);
});
