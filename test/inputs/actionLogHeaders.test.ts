/**
 * Recognising a MAR action log by its headers (src/inputs/actionLog/headers.ts): the action and action-time
 * spellings of EHR reports, and a `Status`-like column that is the action column only when it holds action words.
 */
import type { CellValue } from '../../src/rules/types';
import { detectActionLog } from '../../src/inputs/actionLog/headers';
import { gridOf, readLog } from '../../src/inputs/actionLog/testLog';

/** An Epic-shaped log of one infusion and one push, with the action and action-time headers given. */
function epicLog(action: string, time = 'TAKEN_TIME'): CellValue[][] {
  return [
    ['CSN', 'MRN', 'Medication', action, time, 'Dose', 'Dose Unit', 'Route', 'Site'],
    ['E24', 'P24', 'ceftriaxone', 'Due', '03/02/2026 09:30', 1, 'g', 'IV infusion', 'L antecubital'],
    ['E24', 'P24', 'ceftriaxone', 'New Bag', '03/02/2026 10:00', 1, 'g', 'IV infusion', 'L antecubital'],
    ['E24', 'P24', 'ceftriaxone', 'Stopped', '03/02/2026 10:30', '', '', 'IV infusion', 'L antecubital'],
    ['E24', 'P24', 'ondansetron', 'Given', '03/02/2026 10:35', 4, 'mg', 'IV push', 'L antecubital'],
  ];
}

describe('action-log headers', () => {
  test.each(['Admin Status', 'Status', 'MAR Status', 'Administration Action', 'Activity', 'Action Taken', 'Admin Action'])(
    'an action column headed %p',
    (header) => {
      const { table, output } = readLog(epicLog(header));
      expect(table.log.action).toBe(4);
      expect(output.summary).toBe('Action log: 4 actions in 2 administrations (1 not given)');
    },
  );

  test.each(['Charted Date/Time', 'Taken Date/Time', 'PERFORMED_DT_TM', 'Documented Date/Time', 'Admin Date/Time'])(
    'an action time headed %p',
    (header) => {
      const { table, output } = readLog(epicLog('MAR Action', header));
      expect(table.log.actionTime).toBe(5);
      expect(output.rows).toHaveLength(2);
    },
  );

  test("a flat sheet's own Status column (a claim's Paid or Denied, only Due or Held) is no action column", () => {
    const sheet = (statuses: string[]): CellValue[][] => [
      ['Encounter', 'Drug', 'Dose', 'Route', 'Admin Time', 'Status'],
      ...statuses.map((status, i) => ['E1', 'ondansetron', '4 mg', 'IV push', `03/02/2026 1${i}:00`, status]),
    ];
    expect(detectActionLog(gridOf(sheet(['Paid', 'Denied', 'Paid', 'Pending'])))).toBeNull();
    expect(detectActionLog(gridOf(sheet(['Due', 'Held', 'Pending'])))).toBeNull();
    // Mostly other words, an action word here and there: still a status.
    expect(detectActionLog(gridOf(sheet(['Paid', 'Given', 'Denied', 'Paid', 'Rejected'])))).toBeNull();
    expect(detectActionLog(gridOf(sheet(['Given', 'Given', 'Held'])))).not.toBeNull();
    // A flat sheet's administrations marked Completed or Discontinued: nothing was given by a status that only stops.
    expect(detectActionLog(gridOf(sheet(['Completed', 'Completed', 'Discontinued'])))).toBeNull();
  });

  test("a coded copy's IC Status column never makes it an action log", () => {
    const coded: CellValue[][] = [
      ['Encounter', 'Drug', 'Dose', 'Route', 'Admin Time', 'IC CPT', 'IC HCPCS', 'IC NDC', 'IC Modifiers', 'IC Minutes', 'IC Status'],
      ['E1', 'ondansetron', '4 mg', 'IV push', '03/02/2026 10:00', '96374', 'J2405 x4', '', '', '', 'OK'],
      ['E1', 'famotidine', '20 mg', 'IV push', '03/02/2026 10:40', '96375', '', '', '', '', 'Review'],
    ];
    expect(detectActionLog(gridOf(coded))).toBeNull();
  });
});
