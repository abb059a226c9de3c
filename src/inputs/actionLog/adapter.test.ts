import { codeRows } from '../../rules';
import { resultForSourceRows } from '../results';
import { parseActionOverride } from './actions';
import { readLog } from './testLog';

const H = ['CSN', 'Order ID', 'Medication', 'MAR Action', 'Action Time', 'Dose', 'Rate', 'Rate Unit', 'Route', 'Site', 'Duration'];
const D = '2026-03-02 ';
/** One action of encounter E1: [order, drug, action, time, dose?, rate?, duration?]. */
const act = (order: string, drug: string, action: string, time: string, dose = '', rate: number | '' = '', duration: number | '' = '') =>
  ['E1', order, drug, action, time ? D + time : '', dose, rate, rate === '' ? '' : 'mL/hr', 'IV infusion', 'L forearm', duration];

const log = (...actions: ReturnType<typeof act>[]) => readLog([H, ...actions]).output;
const clock = (v: unknown) => (v instanceof Date ? v.toISOString().slice(11, 16) : v);
const ids = (o: ReturnType<typeof log>, row: number) => o.notes.find((n) => n.row === row)!.findings.map((f) => f.id);

describe('pairing MAR actions (EXPORTS.md A)', () => {
  test('a start and a stop make one administration; the stop row points at the start row', () => {
    const o = log(act('1', 'ceftriaxone', 'New Bag', '10:00', '1 g'), act('1', 'ceftriaxone', 'Stopped', '10:40'));
    expect(o.rows).toHaveLength(1);
    expect(o.rows[0]).toMatchObject({ row: 2, sourceRows: [2, 3] });
    expect(clock(o.rows[0].values.start)).toBe('10:00');
    expect(clock(o.rows[0].values.stop)).toBe('10:40');
    expect(o.notes.map((n) => [n.row, n.role, n.codesOn])).toEqual([[2, 'opens', 2], [3, 'part', 2]]);
    expect(o.summary).toBe('Action log: 2 actions in 1 administrations');
  });

  test('Paused ... Restarted is one administration without the paused minutes', () => {
    const o = log(
      act('7', 'infliximab', 'New Bag', '10:00', '400 mg'),
      act('7', 'infliximab', 'Paused', '10:30'),
      act('7', 'infliximab', 'Restarted', '11:00'),
      act('7', 'infliximab', 'Stopped', '12:00'),
    );
    expect(o.rows).toHaveLength(1);
    // 120 minutes on the clock, 30 paused: the rules see 90 running minutes.
    expect(clock(o.rows[0].values.stop)).toBe('11:30');
    const coded = codeRows(o.rows);
    expect(coded.rows[0].minutes).toBe(90);
    const table = o.tables(coded)[0];
    expect(table.rows[0].slice(3, 7)).toEqual(['2026-03-02 10:00', '2026-03-02 12:00', 30, 90]);
  });

  test('a New Bag while running is a bag change: one administration, each bag dose counts', () => {
    const o = log(
      act('3', 'vancomycin', 'New Bag', '10:00', '500 mg'),
      act('3', 'vancomycin', 'New Bag', '11:00', '500 mg'),
      act('3', 'vancomycin', 'Stopped', '12:00'),
    );
    expect(o.rows).toHaveLength(1);
    expect(o.rows[0].values.dose).toBe('1000 mg');
    expect(o.notes[1].note).toMatch(/Bag change/);
  });

  test("a bag change's small diluents are never added up into a listed bag (RULES.md 6.3: under 250 mL is not listed)", () => {
    const o = log(
      act('3', 'vancomycin', 'New Bag', '10:00', '1 g in 200 mL'),
      act('3', 'vancomycin', 'New Bag', '11:00', '1 g in 200 mL'),
      act('3', 'vancomycin', 'Stopped', '12:00'),
    );
    expect(o.rows[0].values.dose).toBe('2000 mg');
    expect(codeRows(o.rows).encounters[0].hcpcs.map((l) => `${l.code} x${l.units}`)).toEqual(['J3370 x4']);
    // No stop charted (a q8h bag hung again and again): each bag is timed by its volume and rate, none listed.
    const open = log(
      act('4', 'ceftriaxone', 'New Bag', '09:00', '1 g in 100 mL', 200),
      act('4', 'ceftriaxone', 'New Bag', '17:00', '1 g in 100 mL', 200),
    );
    const coded = codeRows(open.rows).encounters[0];
    expect(coded.cpt.map((c) => c.code)).toEqual(['96365']);
    expect(coded.hcpcs.map((l) => `${l.code} x${l.units}`)).toEqual(['J0696 x8']);
  });

  test('a New Bag after Stopped is the drug given again: a new administration', () => {
    const o = log(
      act('3', 'vancomycin', 'New Bag', '10:00', '1 g'),
      act('3', 'vancomycin', 'Stopped', '11:00'),
      act('3', 'vancomycin', 'New Bag', '14:00', '1 g'),
      act('3', 'vancomycin', 'Stopped', '15:00'),
    );
    expect(o.rows.map((r) => r.sourceRows)).toEqual([[2, 3], [4, 5]]);
  });

  test('Stopped and New Bag charted at the same minute: the stop comes first, whatever the row order', () => {
    const o = log(
      act('3', 'NS', 'New Bag', '08:00', '1000 mL'),
      act('3', 'NS', 'New Bag', '10:00', '1000 mL'),
      act('3', 'NS', 'Stopped', '10:00'),
      act('3', 'NS', 'Stopped', '11:00'),
    );
    expect(o.rows.map((r) => r.sourceRows)).toEqual([[2, 4], [3, 5]]);
  });

  test('a rate change to 0 is a stop', () => {
    const o = log(act('5', 'NS', 'New Bag', '09:00', '1000 mL', 125), act('5', 'NS', 'Rate Change', '11:00', '', 0));
    expect(clock(o.rows[0].values.stop)).toBe('11:00');
    expect(o.notes[1].note).toMatch(/Rate 0/);
  });

  test('a rate change back up after a rate of 0 goes on with the same administration (Cerner charts a pause so)', () => {
    const o = log(
      act('5', 'vancomycin', 'Begin Bag', '09:00', '1 g', 250),
      act('5', 'vancomycin', 'Rate Change', '09:45', '', 0),
      act('5', 'vancomycin', 'Rate Change', '10:00', '', 250),
      act('5', 'vancomycin', 'Rate Change', '10:46', '', 0),
    );
    expect(o.rows).toHaveLength(1);
    expect(codeRows(o.rows).rows[0].minutes).toBe(91); // 45 + 46 running minutes, the 15 at a rate of 0 left out
    expect(ids(o, 4)).not.toContain('orphan-action');
    expect(o.notes[2].note).toMatch(/back up after a rate of 0/);
    // A rate change with nothing stopped by a rate of 0 before it is still an orphan.
    expect(ids(log(act('6', 'NS', 'Rate Change', '09:00', '', 125)), 2)).toContain('orphan-action');
  });

  test('a documented duration on the start gives its stop; repeated piggybacks are separate administrations', () => {
    const o = log(
      act('9', 'cefazolin', 'New Bag', '08:00', '2 g', '', 30),
      act('9', 'cefazolin', 'New Bag', '16:00', '2 g', '', 30),
    );
    expect(o.rows.map((r) => [clock(r.values.start), clock(r.values.stop)])).toEqual([['08:00', '08:30'], ['16:00', '16:30']]);
    expect(o.notes.every((n) => n.findings.length === 0)).toBe(true);
  });

  test('a stop action wins over the documented duration', () => {
    const o = log(act('9', 'cefazolin', 'New Bag', '08:00', '2 g', '', 30), act('9', 'cefazolin', 'Completed', '08:50'));
    expect(clock(o.rows[0].values.stop)).toBe('08:50');
  });

  test('an open bag: missing-stop-time on the row that started it', () => {
    const o = log(act('2', 'NS', 'New Bag', '09:00', '1000 mL'), act('2', 'NS', 'Rate Verify', '10:00'));
    expect(ids(o, 2)).toEqual(['missing-stop-time']);
    expect(o.notes[0].findings[0]).toMatchObject({ field: 'stop', column: 'Action Time', severity: 'error' });
    expect(o.rows[0].values.stop).toBeNull();
    // Coded, the row says it once, in the log's terms (the rules' own missing-stop-time goes), and so does the encounter.
    const result = resultForSourceRows(o, codeRows(o.rows), 'facility');
    const row = result.rows.find((r) => r.row === 2)!;
    expect(row.findings.filter((f) => f.id === 'missing-stop-time').map((f) => f.message)).toEqual([expect.stringMatching(/no stop, pause or completion follows on its order/)]);
    expect(result.encounters[0].findings.filter((f) => f.id === 'missing-stop-time')).toHaveLength(1);
  });

  test('a stop with nothing open: missing-start-time on the stop row, no administration', () => {
    const o = log(act('4', 'NS', 'Stopped', '09:00'));
    expect(o.rows).toHaveLength(0);
    expect(ids(o, 2)).toEqual(['missing-start-time']);
    expect(o.notes[0].role).toBe('ignored');
  });

  test('a dose charted on a stop with no bag started on its order: an administration with its stop and no start, as a flat sheet row', () => {
    const o = log(act('4', 'vancomycin', 'Stopped', '15:00', '1 g'), act('5', 'ondansetron', 'Push', '14:00', '4 mg'));
    expect([o.rows[0].row, o.rows[0].values.start, clock(o.rows[0].values.stop), o.rows[0].values.dose]).toEqual([2, null, '15:00', '1 g']);
    expect(o.notes[0].role).toBe('opens');
    expect(ids(o, 2)).toEqual(['missing-start-time']);
    // RULES.md 3.11: the drug line is listed whatever times are missing.
    expect(codeRows(o.rows).encounters[0].hcpcs.map((l) => `${l.code} x${l.units}`)).toEqual(['J3370 x2', 'J2405 x4']);
    // After a bag of its order, a stop restating the dose is that bag's stop charted again: not listed twice.
    const again = log(act('4', 'vancomycin', 'New Bag', '09:00', '1 g'), act('4', 'vancomycin', 'Stopped', '10:00', '1 g'), act('4', 'vancomycin', 'Stopped', '10:05', '1 g'));
    expect(again.rows).toHaveLength(1);
    expect(ids(again, 4)).toEqual(['missing-start-time']);
  });

  test('a rate change with nothing running: orphan-action (warning), ignored', () => {
    const o = log(act('4', 'NS', 'Rate Change', '09:00', '', 100));
    expect(ids(o, 2)).toEqual(['orphan-action']);
    expect(o.notes[0].findings[0].severity).toBe('warning');
  });

  test('two runs of one order overlapping: overlapping-actions (warning) on the later start', () => {
    const o = log(
      act('6', 'cefazolin', 'New Bag', '08:00', '1 g', '', 60),
      act('6', 'cefazolin', 'New Bag', '08:20', '1 g', '', 60),
    );
    expect(o.rows).toHaveLength(1);
    expect(ids(o, 3)).toEqual(['overlapping-actions']);
  });

  test('one dose charted twice at the same minute on one order: both kept, the second warned as a likely duplicate', () => {
    const o = log(act('9', 'ondansetron', 'Push', '10:00', '4 mg'), act('9', 'ondansetron', 'Push', '10:00', '4 mg'), act('9', 'ondansetron', 'Push', '16:00', '4 mg'));
    expect(o.rows).toHaveLength(3);
    expect(ids(o, 2)).toEqual([]);
    expect(ids(o, 3)).toEqual(['overlapping-actions']);
    expect(ids(o, 4)).toEqual([]);
  });

  test('an unknown action is a warning and ignored; a custom action word is used', () => {
    const rows = [act('8', 'NS', 'Bag Hung', '09:00', '1000 mL'), act('8', 'NS', 'Stopped', '10:00')];
    const plain = log(...rows);
    expect(ids(plain, 2)).toEqual(['unknown-action']);
    expect(ids(plain, 3)).toEqual(['missing-start-time']);
    const custom = parseActionOverride('Bag Hung=start');
    if ('error' in custom) throw new Error(custom.error);
    const o = readLog([H, ...rows], { actions: [custom] }).output;
    expect(o.rows).toHaveLength(1);
    expect(o.notes.flatMap((n) => n.findings)).toEqual([]);
  });

  test('an override replaces a built-in word', () => {
    const custom = parseActionOverride('Infuse=point');
    if ('error' in custom) throw new Error(custom.error);
    const o = readLog([H, act('8', 'ondansetron', 'Infuse', '09:00', '4 mg')], { actions: [custom] }).output;
    expect(o.rows).toHaveLength(1);
    expect(o.rows[0].values.stop).toBeNull();
  });

  test('parseActionOverride says what is wrong', () => {
    expect(parseActionOverride('Bag Hung')).toEqual({ error: expect.stringMatching(/ACTION=KIND/) });
    expect(parseActionOverride('Bag Hung=sometimes')).toEqual({ error: expect.stringMatching(/not an action kind/) });
    expect(parseActionOverride('Held by pharmacy = not given')).toEqual({ action: 'Held by pharmacy', kind: 'not-given' });
  });

  test('no order column: actions pair by encounter + medication + site', () => {
    const H2 = ['FIN', 'Order Description', 'IV Event', 'Event Date/Time', 'Route', 'Site'];
    const o = readLog([
      H2,
      ['F1', 'NS', 'Begin Bag', `${D}09:00`, 'IV', 'L hand'],
      ['F1', 'ondansetron', 'Begin Bag', `${D}09:10`, 'IV', 'L hand'],
      ['F1', 'NS', 'Begin Bag', `${D}09:15`, 'IV', 'R arm'],
      ['F1', 'ondansetron', 'Infusion Complete', `${D}09:40`, 'IV', 'L hand'],
      ['F1', 'NS', 'Infusion Complete', `${D}11:00`, 'IV', 'L hand'],
      ['F1', 'NS', 'Infusion Complete', `${D}11:30`, 'IV', 'R arm'],
    ]).output;
    expect(o.rows.map((r) => r.sourceRows)).toEqual([[2, 6], [3, 5], [4, 7]]);
  });

  test('no order column, the site charted on the start only: a stop with a blank site joins the medication\'s one site', () => {
    const H2 = ['FIN', 'Order Description', 'IV Event', 'Event Date/Time', 'Route', 'Site'];
    const o = readLog([
      H2,
      ['F1', 'NS', 'Begin Bag', `${D}09:00`, 'IV', 'L hand'],
      ['F1', 'vancomycin', 'Begin Bag', `${D}09:10`, 'IV', 'L hand'],
      ['F1', 'vancomycin', 'Infusion Complete', `${D}10:40`, 'IV', ''],
      ['F1', 'NS', 'Infusion Complete', `${D}11:00`, 'IV', ''],
    ]).output;
    expect(o.rows.map((r) => r.sourceRows)).toEqual([[2, 5], [3, 4]]);
  });

  test("a row of an order with a blank encounter (CSN) is in the order's encounter", () => {
    const blank = (row: ReturnType<typeof act>) => ['', ...row.slice(1)];
    const o = log(act('1', 'vancomycin', 'New Bag', '09:00', '1.75 g'), blank(act('1', 'vancomycin', 'Stopped', '10:31')), blank(act('1', 'vancomycin', 'Held', '21:00')));
    expect(o.rows.map((r) => [r.sourceRows, clock(r.values.stop)])).toEqual([[[2, 3], '10:31']]);
    expect(o.notes.flatMap((n) => n.findings)).toEqual([]);
    // A row the pairing skips is placed in that encounter too.
    expect(resultForSourceRows(o, codeRows(o.rows), 'facility').encounters.map((e) => [e.id, e.rows])).toEqual([['E1', [2, 3, 4]]]);
    // An order id charted in two encounters names neither: the blank row stays on its own.
    const two = log(act('1', 'vancomycin', 'New Bag', '09:00', '1 g'), ['E2', ...act('1', 'vancomycin', 'New Bag', '09:00', '1 g').slice(1)], blank(act('1', 'vancomycin', 'Stopped', '10:31')));
    expect(ids(two, 4)).toEqual(['missing-start-time']);
  });

  test('not-given actions are skipped and say so', () => {
    const o = log(act('1', 'ketorolac', 'Held', '09:00', '15 mg'), act('1', 'ketorolac', 'Given', '10:00', '15 mg'));
    expect(o.notes[0]).toMatchObject({ role: 'skipped', note: 'Not given (Held): skipped.' });
    expect(o.rows).toHaveLength(1);
    expect(o.summary).toBe('Action log: 2 actions in 1 administrations (1 not given)');
  });

  test('a dose given at one time (Given, Push) is its own administration with a start only', () => {
    const o = log(act('1', 'ondansetron', 'Push', '09:00', '4 mg'));
    expect(clock(o.rows[0].values.start)).toBe('09:00');
    expect(o.rows[0].values.stop).toBeNull();
  });

  test("a dose Given once by Epic's bare route 'Intravenous' is a push, not an infusion missing its stop", () => {
    const given = act('1', 'ondansetron', 'Given', '09:00', '4 mg');
    given[8] = 'Intravenous';
    const o = log(given);
    const coded = codeRows(o.rows);
    expect(coded.encounters[0].cpt.map((c) => c.code)).toEqual(['96374']);
    expect(coded.rows[0].findings.map((f) => f.id)).not.toContain('missing-stop-time');
  });

  test("a dose Given with a documented duration over 15 minutes (Epic's IV piggyback), or by an infusion route, ran until its end", () => {
    const given = (route: string, minutes: number) => {
      const row = act('1', 'ceftriaxone', 'Given', '09:30', '1 g', '', minutes);
      row[8] = route;
      return log(row);
    };
    for (const route of ['Intravenous', 'IV Piggyback', 'IV infusion']) {
      const o = given(route, 30);
      expect(clock(o.rows[0].values.stop)).toBe('10:00');
      const coded = codeRows(o.rows);
      expect(coded.encounters[0].cpt.map((c) => c.code)).toEqual(['96365']);
      expect(coded.rows[0].findings.map((f) => f.id)).not.toContain('missing-stop-time');
    }
    // An infusion route keeps a short duration's stop too; a bare IV dose over a few minutes stays a push.
    expect(clock(given('IV infusion', 10).rows[0].values.stop)).toBe('09:40');
    const push = given('Intravenous', 5);
    expect([push.rows[0].values.stop, codeRows(push.rows).encounters[0].cpt.map((c) => c.code)]).toEqual([null, ['96374']]);
  });

  test.each([['Rate (mL/hr)'], ['Infusion Rate (mL/hr)'], ['Flow Rate']])('a rate headed %p is the log\'s rate: a rate change to 0 stops the bag', (header) => {
    const headers = ['CSN', 'Order ID', 'Medication', 'MAR Action', 'Action Time', 'Dose', header, 'Route', 'Site'];
    const row = (action: string, time: string, dose: string, rate: number) => ['E1', '5', 'normal saline', action, D + time, dose, rate, 'IV infusion', 'L arm'];
    const o = readLog([headers, row('New Bag', '09:00', '1000 mL', 250), row('Rate Change', '11:00', '', 0)]).output;
    expect(clock(o.rows[0].values.stop)).toBe('11:00');
  });

  test('a dose unit in a UOM column, a Unit column beside the dose, or the dose header (Dose (mg)) is read with the dose', () => {
    const cases: [string[], (string | number)[]][] = [
      [['CSN', 'Medication', 'MAR Action', 'Action Time', 'Dose', 'UOM', 'Route'], ['E1', 'ceftriaxone', 'Given', D + '09:00', 1, 'g', 'IM']],
      [['CSN', 'Medication', 'MAR Action', 'Action Time', 'Dose', 'Unit', 'Route'], ['E1', 'ceftriaxone', 'Given', D + '09:00', 1, 'g', 'IM']],
      [['CSN', 'Medication', 'MAR Action', 'Action Time', 'Dose (g)', 'Route'], ['E1', 'ceftriaxone', 'Given', D + '09:00', 1, 'IM']],
      // Cerner CE_MED_RESULT: ADMIN_DOSAGE with its DOSAGE_UNIT_CD.
      [['ENCNTR_ID', 'ORDER_MNEMONIC', 'IV_EVENT_CD', 'EVENT_END_DT_TM', 'ADMIN_DOSAGE', 'DOSAGE_UNIT_CD', 'ADMIN_ROUTE_CD'], ['E1', 'ceftriaxone', 'Given', D + '09:00', 1, 'g', 'IM']],
    ];
    for (const [headers, row] of cases) {
      const o = readLog([headers, row]).output;
      expect(codeRows(o.rows).encounters[0].hcpcs.map((c) => `${c.code} x${c.units}`)).toEqual(['J0696 x4']);
    }
  });

  test("Cerner's REMAINING_VOLUME is the waste (EXPORTS.md A: the wasted amount used for reimbursement)", () => {
    const headers = ['ENCNTR_ID', 'ORDER_ID', 'ORDER_MNEMONIC', 'IV_EVENT_CD', 'EVENT_END_DT_TM', 'ADMIN_DOSAGE', 'DOSAGE_UNIT_CD', 'REMAINING_VOLUME', 'ADMIN_ROUTE_CD', 'FINANCIAL_CLASS_CD'];
    const o = readLog([
      headers,
      ['E1', '9', 'infliximab', 'Begin Bag', D + '10:00', 350, 'mg', '', 'IV', 'Medicare'],
      ['E1', '9', 'infliximab', 'Stopped', D + '12:10', '', '', 50, 'IV', 'Medicare'],
    ]).output;
    expect(codeRows(o.rows).encounters[0].hcpcs.map((c) => `${c.code}${c.modifiers.length ? `-${c.modifiers.join('-')}` : ''} x${c.units}`)).toEqual(['J1745 x35', 'J1745-JW x5']);
  });

  test("a log joined to its order (ORDER_START_TIME, ORDER_END_TIME) is still a log: the order's times are not the doses'", () => {
    const headers = ['PAT_ENC_CSN_ID', 'ORDER_MED_ID', 'DISPLAY_NAME', 'ORDER_START_TIME', 'ORDER_END_TIME', 'MAR_ACTION_C_NAME', 'TAKEN_TIME', 'ADMIN_DOSAGE', 'DOSE_UNIT', 'ROUTE'];
    const row = (action: string, time: string, dose: string | number, unit: string) => ['E1', '1', 'ceftriaxone', D + '09:45', '2026-03-10 09:44', action, D + time, dose, unit, 'Intravenous'];
    const o = readLog([headers, row('New Bag', '10:00', 1, 'g'), row('Stopped', '10:40', '', '')]).output;
    expect(o.rows).toHaveLength(1);
    expect([clock(o.rows[0].values.start), clock(o.rows[0].values.stop)]).toEqual(['10:00', '10:40']);
  });

  test('rate x running time is the infused volume of a fluid charted without a bag volume', () => {
    const o = log(
      act('2', 'Normal saline', 'New Bag', '10:00', '', 125),
      act('2', 'Normal saline', 'Rate Change', '11:00', '', 250),
      act('2', 'Normal saline', 'Stopped', '12:00'),
    );
    expect(o.rows[0].values.dose).toBe('375 mL at 188 mL/hr');
    expect(o.tables(codeRows(o.rows))[0].rows[0][7]).toBe(375);
  });

  test('a charted bag volume is the dose (bags by volume, RULES.md 6.3), as the flat sheet and FHIR read it', () => {
    const o = log(
      act('2', 'Normal saline', 'New Bag', '10:00', '1000 mL', 250),
      act('2', 'Normal saline', 'Stopped', '12:01'),
    );
    expect(o.rows[0].values.dose).toBe('1000 mL');
    expect(codeRows(o.rows).rows[0].hcpcs.map((l) => `${l.code} x${l.units}`)).toEqual(['J7030 x1']);
    expect(o.tables(codeRows(o.rows))[0].rows[0][7]).toBe(504); // the infused volume stays in IC Administrations
  });

  test('a dose charted only on a later row of the administration (the stop) is its dose', () => {
    const o = log(act('4', 'vancomycin', 'New Bag', '10:00', ''), act('4', 'vancomycin', 'Stopped', '11:31', '1 g'));
    expect(o.rows[0].values.dose).toBe('1 g');
    expect(codeRows(o.rows).rows[0].hcpcs.map((l) => `${l.code} x${l.units}`)).toEqual(['J3370 x2']);
    // A rate charted as a dose on a rate change (`1200 units/hr`) is no dose of the bag.
    const drip = log(act('6', 'heparin', 'New Bag', '10:00', ''), act('6', 'heparin', 'Rate Change', '11:00', '1200 units/hr'), act('6', 'heparin', 'Stopped', '14:00'));
    expect(drip.rows[0].values.dose || null).toBeNull();
  });

  test('a rate no pump runs (1e308 mL/hr) is a finding on the rate cell and read as none; the charted bag stays', () => {
    const o = log(act('2', 'Normal saline', 'New Bag', '10:00', '1000 mL', 1e308), act('2', 'Normal saline', 'Stopped', '11:05'));
    const opened = o.notes.find((n) => n.row === 2)!;
    expect(opened.findings.map((f) => [f.id, f.column])).toEqual([['unparseable-rate', 'Rate']]);
    expect(o.rows[0].values.dose).toBe('1000 mL');
  });

  test('a bag with no stop keeps its rate for the rules: its stop is computed from the charted volume (RULES.md 3.11)', () => {
    const o = log(act('5', 'Normal saline', 'New Bag', '14:00', '1000 mL', 500));
    expect(o.rows[0].values.rate).toBe('500 mL/hr');
    const coded = codeRows(o.rows.map((r) => ({ ...r, values: { ...r.values, purpose: 'hydration' } })));
    expect(coded.rows[0].cpt.map((c) => `${c.code} x${c.units}`)).toEqual(['96360 x1', '96361 x1']);
  });

  test('paused minutes carry no volume', () => {
    const o = log(
      act('2', 'LR', 'New Bag', '10:00', '', 100),
      act('2', 'LR', 'Paused', '11:00'),
      act('2', 'LR', 'Restarted', '12:00'),
      act('2', 'LR', 'Stopped', '13:00'),
    );
    expect(o.rows[0].values.dose).toBe('200 mL at 100 mL/hr');
  });

  test('a date column and a time column', () => {
    const o = readLog([
      ['Encounter', 'Medication', 'Action', 'Date', 'Time', 'Dose'],
      ['E9', 'ceftriaxone', 'New Bag', '3/2/2026', '10:00', '1 g'],
      ['E9', 'ceftriaxone', 'Stopped', '3/2/2026', '10:45', ''],
    ]).output;
    expect(o.rows[0].values.start).toEqual(new Date(Date.UTC(2026, 2, 2, 10, 0)));
    expect(o.rows[0].values.stop).toEqual(new Date(Date.UTC(2026, 2, 2, 10, 45)));
  });

  test.each([
    ['blank', '', 'missing-date'],
    ['#N/A', '#N/A', 'missing-date'],
    ['an Excel error', { error: '#N/A' }, 'missing-date'],
    ['unreadable', '03/32/2026', 'unparseable-date'],
  ])('a clock time beside a %s date is a finding on the date cell, never day 0 (an infusion from 1970)', (_name, date, id) => {
    const o = readLog([
      ['Encounter', 'Medication', 'Action', 'Date', 'Time', 'Dose'],
      ['E9', 'vancomycin', 'New Bag', date as string, '10:00', '1 g'],
      ['E9', 'vancomycin', 'Stopped', '3/2/2026', '11:31', ''],
    ]).output;
    const opened = o.notes.find((n) => n.row === 2)!;
    expect(opened.findings.map((f) => [f.id, f.column])).toEqual([[id, 'Date'], ['missing-start-time', 'Time']]);
    // Nothing placed on a guessed day: the bag is listed without times (its drug line, no administration code).
    expect(o.rows.map((r) => [r.values.start, r.values.stop])).toEqual([[null, null]]);
    const coded = codeRows(o.rows);
    expect(coded.rows[0].cpt).toEqual([]);
    expect(coded.rows[0].hcpcs.map((l) => `${l.code} x${l.units}`)).toEqual(['J3370 x2']);
    expect(ids(o, 3)).toEqual(['missing-start-time']);
  });

  test('an encounter whose rows all lack a date keeps them on one undated day, paired among themselves', () => {
    const o = readLog([
      ['Encounter', 'Medication', 'Action', 'Date', 'Time', 'Dose'],
      ['E1', 'vancomycin', 'New Bag', '', '10:00', '1 g'],
      ['E1', 'vancomycin', 'Stopped', '', '11:31', ''],
      ['E2', 'vancomycin', 'New Bag', '', '10:00', '1 g'],
      ['E2', 'vancomycin', 'Stopped', '3/2/2026', '11:31', ''],
    ]).output;
    const placed = o.rows.map((r) => [r.row, r.values.start === null]).sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(placed).toEqual([[2, false], [4, true]]); // E2's undated New Bag is not placed
    expect(codeRows(o.rows).rows.find((r) => r.row === 2)!.cpt.map((c) => c.code)).toEqual(['96365', '96366']);
    expect(ids(o, 4)).toEqual(['missing-date', 'missing-start-time']);
  });

  test('an undated encounter in a dated log keeps clock times (never 1970-01-01 on the claim)', () => {
    const o = readLog([
      ['Encounter', 'Medication', 'Action', 'Date', 'Time', 'Dose'],
      ['E1', 'ondansetron', 'Push', '3/2/2026', '09:00', '4 mg'],
      ['E2', 'ceftriaxone', 'New Bag', '', '10:00', '1 g'],
      ['E2', 'ceftriaxone', 'Stopped', '', '10:45', ''],
    ]).output;
    const e2 = o.rows.find((r) => r.row === 3)!;
    expect([e2.values.start, e2.values.stop]).toEqual(['10:00', '10:45']);
    expect(codeRows(o.rows).encounters.find((e) => e.id === 'E2')!.date).toBeNull();
  });

  test('an untimed New Bag on an order that has a timed one is not listed again', () => {
    const o = log(act('2', 'ceftriaxone', 'New Bag', '', '1 g'), act('2', 'ceftriaxone', 'New Bag', '09:00', '1 g'), act('2', 'ceftriaxone', 'Stopped', '10:00'));
    expect(o.rows).toHaveLength(1);
    expect(ids(o, 2)).toEqual(['missing-start-time']);
  });

  test('a dose charted on a restart when the bag had none is its dose; a bag whose rate changed passes no rate', () => {
    const o = log(act('7', 'infliximab', 'New Bag', '10:00', '', 100), act('7', 'infliximab', 'Paused', '10:30'), act('7', 'infliximab', 'Restarted', '10:40', '500 mg'), act('7', 'infliximab', 'Stopped', '12:00'));
    expect(o.rows[0].values.dose).toBe('500 mg');
    const kvo = log(act('8', 'Normal saline', 'New Bag', '09:00', '1000 mL', 250), act('8', 'Normal saline', 'Rate Change', '12:00', '', 25), act('8', 'Normal saline', 'Stopped', '13:00'));
    expect(kvo.rows[0].values.rate ?? null).toBeNull(); // hydration turned down to keep the vein open is not a KVO bag
  });

  test('an unreadable time is a finding on that row, and the row is not paired', () => {
    const o = log(act('1', 'NS', 'New Bag', '25:99', '1000 mL'));
    expect(ids(o, 2)).toEqual(['unparseable-time', 'missing-start-time']);
    expect(o.rows.map((r) => [r.values.start, r.values.stop])).toEqual([[null, null]]); // its bag still listed
  });

  test('every row gets a result; codes sit on the opening row and the others point to it', () => {
    const o = log(
      act('1', 'ceftriaxone', 'New Bag', '10:00', '1 g'),
      act('1', 'ceftriaxone', 'Rate Verify', '10:15'),
      act('1', 'ceftriaxone', 'Stopped', '10:45'),
      act('2', 'ketorolac', 'Refused', '11:00', '15 mg'),
    );
    const coded = codeRows(o.rows);
    const full = resultForSourceRows(o, coded, 'facility');
    expect(full.rows.map((r) => r.row)).toEqual([2, 3, 4, 5]);
    expect(full.rows[0].cpt.map((c) => c.code)).toEqual(['96365']);
    expect(full.rows[0].explanation).toMatch(/reconstructed from rows 2, 3, 4/);
    expect(full.rows[1]).toMatchObject({ cpt: [], hcpcs: [], explanation: expect.stringMatching(/row 2/) });
    expect(full.rows[3].explanation).toBe('Not given (Refused): skipped.');
    expect(full.encounters).toHaveLength(1);
    expect(full.encounters[0].rows).toEqual([2, 3, 4, 5]);
  });
});

describe('action times that name their zone, across a daylight-saving change', () => {
  const zoned = (start: string, stop: string) =>
    readLog([
      H,
      ['E1', '1', 'vancomycin', 'New Bag', start, '1.75 g', '', '', 'IV infusion', 'L forearm', ''],
      ['E1', '1', 'vancomycin', 'Stopped', stop, '', '', '', 'IV infusion', 'L forearm', ''],
    ]).output;

  test('offsets: the minutes that passed are coded (60 in spring, 90 in the fall), as a FHIR period is read', () => {
    expect(codeRows(zoned('2026-03-08T01:30:00-05:00', '2026-03-08T03:30:00-04:00').rows).rows[0].minutes).toBe(60);
    expect(codeRows(zoned('2026-11-01T01:10:00-04:00', '2026-11-01T01:40:00-05:00').rows).rows[0].minutes).toBe(90);
  });

  test('an encounter on one offset keeps its charted wall clock', () => {
    const o = zoned('2026-03-02T09:00:00-05:00', '2026-03-02T10:31:00-05:00');
    expect(clock(o.rows[0].values.start)).toBe('09:00');
    expect(codeRows(o.rows).rows[0].minutes).toBe(91);
  });
});
