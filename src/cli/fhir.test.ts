import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readFhirFile } from './fhir';

const resource = (id: string) => ({ resourceType: 'MedicationAdministration', id, status: 'completed', effectiveDateTime: '2026-03-02T09:00:00-05:00' });

describe('readFhirFile: a UTF-16 export (its byte-order mark says so) is read as the text it is', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ic-fhir-'));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const utf16be = (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  const ndjson = [resource('a1'), resource('a2')].map((r) => JSON.stringify(r)).join('\r\n') + '\r\n';
  const bundle = JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: resource('b1') }] }, null, 1);

  test.each([
    ['export.ndjson', utf16le(ndjson), ['a1', 'a2']],
    ['bundle.json', utf16le(bundle), ['b1']],
    ['export-be.ndjson', utf16be(ndjson), ['a1', 'a2']],
    ['bundle-be.json', utf16be(bundle), ['b1']],
  ])('%s', async (name, bytes, ids) => {
    const file = path.join(dir, name);
    await fs.writeFile(file, bytes);
    const c = await readFhirFile(file);
    expect(c.problems).toEqual([]);
    expect(c.resources.map((r) => r.resource.id)).toEqual(ids);
  });
});
