/** How the pane names the input fields (RULES.md section 1), and which ones coding cannot do without. */
import type { Field } from '../rules/types';

export const FIELD_LABELS: Record<Field, string> = {
  encounter: 'Encounter',
  patient: 'Patient',
  date: 'Date of service',
  setting: 'Setting',
  payer: 'Payer',
  drug: 'Drug / solution',
  dose: 'Dose',
  waste: 'Waste',
  route: 'Route',
  purpose: 'Purpose',
  start: 'Start time',
  stop: 'Stop time',
  rate: 'Infusion rate',
  volume: 'Infused volume',
  site: 'IV site',
  diagnosis: 'Diagnosis (ICD-10)',
  necessity: 'Medical necessity',
  primary: 'Primary reason',
  order: 'Order / bag',
  provider: 'Provider',
  nurse: 'Nurse',
  ndc: 'NDC',
  '340b': '340B drug',
};

/** Without these the codes are mostly guesses: the pane warns when one has no column. */
export const KEY_FIELDS: readonly Field[] = ['drug', 'route', 'start', 'stop'];
