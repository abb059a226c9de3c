/**
 * Acceptance audit (issue 13): a Windows text CSV (not UTF-8 at all) is read as Windows-1252, so its smart
 * quotes, dashes and euro signs survive instead of turning into invisible C1 control characters.
 */
import * as fs from 'fs';
import * as path from 'path';
import { decodeCsvBytes, decodeWindows1252 } from '../../src/cli/csv';
import { ensureBuilt, run, tempDir } from './helpers';

beforeAll(() => ensureBuilt());

describe('a CSV saved as Windows text', () => {
  it('decodes 0x80-0x9F as Windows-1252, keeps the bytes it leaves undefined, and Latin-1 letters as before', () => {
    expect(decodeWindows1252(Buffer.from([0x93, 0x41, 0x94, 0x20, 0x96, 0x20, 0x80, 0x20, 0xe9, 0x81, 0x9d]))).toBe('\u201cA\u201d \u2013 \u20ac \u00e9\u0081\u009d');
    const decoded = decodeCsvBytes(Buffer.from([...Buffer.from('Drug,Note\nNS,'), 0x93, 0x6f, 0x6b, 0x94, 0x0a]));
    expect(decoded.text).toBe('Drug,Note\nNS,\u201cok\u201d\n');
    expect(decoded.warnings).toEqual([expect.stringMatching(/Latin-1/)]);
  });

  it('codes to a CSV copy that shows the quotes, dash and euro sign', () => {
    const dir = tempDir();
    const input = path.join(dir, 'windows.csv');
    const out = path.join(dir, 'windows.coded.csv');
    const head = 'Visit,MRN,Date of Service,Drug,Dose,Route,Start Time,Stop Time,Note\r\nV1,M1,2026-03-02,ondansetron,4 mg,IV push,09:00,,';
    fs.writeFileSync(input, Buffer.concat([Buffer.from(head), Buffer.from([0x93, 0x71, 0x94, 0x20, 0x96, 0x20, 0x80, 0x35, 0x20, 0xe9]), Buffer.from('\r\n')]));
    const r = run(['code', input, '--out', out, '-q'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/read as Latin-1 \(Windows\) text/);
    const text = fs.readFileSync(out, 'utf8');
    expect(text).toContain(',\u201cq\u201d \u2013 \u20ac5 \u00e9,');
    expect(text).not.toMatch(/[\u0080-\u009f]/);
  });
});
