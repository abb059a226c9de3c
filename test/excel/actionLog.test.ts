/** An action-log sheet through the add-in (fake Excel): every action row coded, the IC Administrations sheet replaced on a re-run. */
import { hostFrom } from '../../src/excel/host';
import { codeSheet, updateSettings } from '../../src/excel/run';
import { DERIVED_HEADERS } from '../../src/sheet';
import { createFakeExcel, FakeWorkbook } from '../fake-excel';

const LOG = [
  ['CSN', 'Order ID', 'Medication', 'MAR Action', 'Action Time', 'Dose', 'Route', 'Dx', 'Necessity'],
  ['E1', '1', 'ceftriaxone', 'New Bag', '2026-03-02 10:00', '1 g', 'Intravenous', 'N39.0', 'pyelonephritis'],
  ['E1', '1', 'ceftriaxone', 'Paused', '2026-03-02 10:20', '', 'Intravenous', '', ''],
  ['E1', '1', 'ceftriaxone', 'Restarted', '2026-03-02 10:30', '', 'Intravenous', '', ''],
  ['E1', '1', 'ceftriaxone', 'Stopped', '2026-03-02 10:55', '', 'Intravenous', '', ''],
  ['E1', '2', 'ondansetron', 'Bag Hung', '2026-03-02 10:05', '4 mg', 'IV push', 'R11.2', 'nausea'],
];

function setup() {
  const model = new FakeWorkbook({ apiVersion: 18 });
  const sheet = model.addSheet('MAR', LOG);
  const host = hostFrom(createFakeExcel(model).run as never, 18);
  return { model, sheet, host };
}

describe('an action log in the add-in', () => {
  it('codes every action row, says what it read, and writes IC Administrations', async () => {
    const { model, sheet, host } = setup();
    const result = await codeSheet(host);
    expect(result.notices).toContain('Action log: 5 actions in 1 administrations (1 not paired)');
    const cpt = LOG[0].length + 1;
    expect(sheet.get(2, cpt)).toBe('96365');
    expect(sheet.get(3, cpt)).toBe('');
    expect(String(sheet.get(3, cpt + DERIVED_HEADERS.indexOf('IC Explanation')))).toMatch(/row 2/);
    const admin = model.sheet('IC Administrations')!;
    expect(admin.get(1, 1)).toBe('Encounter');
    expect(admin.get(2, 6)).toBe(10); // paused minutes
    expect(admin.get(2, 7)).toBe(45); // running minutes
    expect(admin.get(3, 1)).toBe('');
  });

  it('takes the site action words from the settings, and a re-run replaces IC Administrations', async () => {
    const { model, host } = setup();
    await codeSheet(host);
    await updateSettings(host, (s) => {
      s.actions = [{ action: 'Bag Hung', kind: 'point' }];
    });
    const again = await codeSheet(host);
    expect(again.notices).toContain('Action log: 5 actions in 2 administrations');
    expect(model.sheets.filter((s) => s.name === 'IC Administrations')).toHaveLength(1);
    expect(model.sheet('IC Administrations')!.get(3, 3)).toBe('ondansetron');
  });
});
