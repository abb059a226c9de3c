/** Test helper: administrations as the rows of a flat sheet (header row first), for the pipeline's tests. */
import type { CellValue } from '../rules/types';

export const TEST_HEADER = ['Visit', 'MRN', 'Date', 'Drug', 'Dose', 'Route', 'Start', 'Stop', 'Dx', 'Necessity'];
export const TEST_DRUGS: [drug: string, dose: string, route: string, minutes: number][] = [
  ['ceftriaxone', '1 g', 'IV infusion', 40],
  ['ondansetron', '4 mg', 'IV push', 0],
  ['Normal saline 1000 mL', '1000 mL', 'IV infusion', 120],
  ['Remicade', '400 mg', 'IV infusion', 135],
  ['Prolia', '60 mg', 'SQ', 0],
  ['ketorolac', '30 mg', 'IVP', 0],
];

/** One administration: which patient, which of their visits, which day, the drug and when (minutes of the day). */
export interface TestAdministration {
  patient: number;
  visit: number;
  day: number;
  drug: number;
  start: number;
  blankVisit: boolean;
  blankPatient?: boolean;
}

const hhmm = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** The sheet row of one administration, in TEST_HEADER's order. */
export function administrationRow(r: TestAdministration): CellValue[] {
  const [drug, dose, route, minutes] = TEST_DRUGS[r.drug];
  return [
    r.blankVisit ? null : `V${r.patient}-${r.day}-${r.visit}`,
    r.blankPatient ? null : `MRN${r.patient}`,
    `2026-03-0${r.day}`,
    drug,
    dose,
    route,
    hhmm(r.start),
    minutes > 0 ? hhmm(r.start + minutes) : null,
    'R11.2',
    'nausea',
  ];
}
