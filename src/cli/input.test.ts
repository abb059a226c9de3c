/** The user's tables from files: --not-complex replaces the built-in list; bad rows are warnings, an empty file an error. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DrugCatalog } from '../rules/catalog/catalog';
import { loadUserTables } from './input';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ic-input-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

describe('--not-complex FILE', () => {
  it('replaces the built-in list; a bad row is a warning naming the file and row', async () => {
    const nc = file('nc.csv', 'name,hcpcs,notes\ninfliximab,,and its biosimilars\nbad,96372,\n');
    const errors: string[] = [];
    const tables = await loadUserTables({ drugMap: null, mue: null, notComplex: nc }, { stderr: (t) => errors.push(t) });
    const infliximab = DrugCatalog.builtIn().lookup('Inflectra')!.entry;
    const denosumab = DrugCatalog.builtIn().lookup('Prolia')!.entry;
    expect(tables.notComplex?.has(infliximab)).toBe(true);
    expect(tables.notComplex?.has(denosumab)).toBe(false);
    expect(errors).toEqual([`infusion-coder: warning: not-complex list ${nc}: Not-complex list row 3 (bad): '96372' is not an HCPCS code like J1234; row skipped.\n`]);
  });

  it('a file with no usable row is an error', async () => {
    const nc = file('empty.csv', 'name,hcpcs\n');
    await expect(loadUserTables({ drugMap: null, mue: null, notComplex: nc }, { stderr: () => undefined })).rejects.toThrow(/not-complex list/);
  });
});
