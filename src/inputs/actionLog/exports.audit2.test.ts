/** Audit 2: MAR action logs that code differently from the same encounter on a flat sheet. */
import { codeRows } from '../../rules';
import { readLog } from './testLog';

const codes = (rows: Parameters<typeof codeRows>[0]) => {
  const e = codeRows(rows).encounters;
  return {
    cpt: e.flatMap((x) => x.cpt.map((c) => `${c.code} x${c.units}`)),
    hcpcs: e.flatMap((x) => x.hcpcs.map((l) => `${l.code} x${l.units}`)),
    findings: e.flatMap((x) => x.findings.map((f) => f.id)),
  };
};

describe('Bolus from Bag during the bag it is given from', () => {
  const H = ['CSN', 'ORDER_MED_ID', 'DISPLAY_NAME', 'MAR_ACTION_C_NAME', 'TAKEN_TIME', 'ADMIN_DOSAGE', 'DOSE_UNIT', 'INFUSION_RATE', 'ROUTE', 'SITE', 'Diagnosis'];
  const row = (action: string, time: string, dose = '', route = 'IV infusion') =>
    ['E4', '300', 'normal saline', action, `2026-03-02 ${time}`, dose, 'mL', action === 'New Bag' ? 125 : '', route, 'L forearm', 'E86.0'];

  test('is part of the running bag: no second fluid line, no open infusion of its own (as the flat row codes)', () => {
    for (const route of ['IV infusion', 'Intravenous', '']) {
      const o = readLog([H, row('New Bag', '08:00', '1000'), row('Bolus from Bag', '09:00', '500', route), row('Stopped', '11:00')]).output;
      expect(o.rows).toHaveLength(1);
      expect(o.notes.map((n) => [n.row, n.role, n.codesOn])).toEqual([[2, 'opens', 2], [3, 'part', 2], [4, 'part', 2]]);
      const c = codes(o.rows);
      expect(c.cpt).toEqual(['96360 x1', '96361 x2']);
      expect(c.hcpcs).toEqual(['J7030 x1']);
      expect(c.findings).not.toContain('missing-stop-time');
    }
  });

  test('with no bag running it is still a dose of its own', () => {
    const o = readLog([H, row('Bolus from Bag', '09:00', '500', 'Intravenous')]).output;
    expect(o.rows).toHaveLength(1);
    expect(o.notes[0].role).toBe('opens');
  });
});

describe('Cerner clinical-event columns: EVENT_TAG / RESULT_STATUS actions, RESULT_VAL dose', () => {
  const H = ['ENCNTR_ID', 'ORDER_ID', 'ORDER_MNEMONIC', 'EVENT_TAG', 'RESULT_STATUS', 'EVENT_END_DT_TM', 'RESULT_VAL', 'RESULT_UNITS', 'Route', 'Site', 'Diagnosis'];
  test('is read as an action log: one 90-minute vancomycin infusion, 1000 mg (not two stop-only pushes)', () => {
    const o = readLog([
      H,
      ['E7', '700', 'vancomycin', 'Begin Bag', 'Auth (Verified)', '2026-03-02 10:00', 1000, 'mg', 'IV infusion', 'L forearm', 'A41.9'],
      ['E7', '700', 'vancomycin', 'Infusion Complete', 'Auth (Verified)', '2026-03-02 11:30', '', '', 'IV infusion', 'L forearm', ''],
    ]).output;
    expect(o.rows).toHaveLength(1);
    const c = codes(o.rows);
    expect(c.cpt).toEqual(['96365 x1']);
    expect(c.hcpcs).toEqual(['J3370 x2']);
  });

  test('the action may sit in a RESULT_STATUS-style column; a status of Auth (Verified) is no action column', () => {
    const o = readLog([
      ['FIN', 'ORDER_ID', 'ORDER_MNEMONIC', 'RESULT_STATUS', 'PERFORMED_DT_TM', 'RESULT_VAL', 'RESULT_UNITS', 'Route'],
      ['E7', '700', 'ceftriaxone', 'Begin Bag', '2026-03-02 10:00', 1, 'g', 'IV infusion'],
      ['E7', '700', 'ceftriaxone', 'Infusion Complete', '2026-03-02 10:40', '', '', 'IV infusion'],
    ]).output;
    expect(codes(o.rows).hcpcs).toEqual(['J0696 x4']);
  });
});
