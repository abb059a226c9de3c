/**
 * EHR patient-class and encounter-type words to the rules' setting (EXPORTS.md A and B): Epic PAT_CLASS,
 * Cerner ENCNTR_TYPE_CD, FHIR Encounter.class / type / serviceType and CMS place-of-service codes.
 */
import type { Setting } from '../rules/types';
import { memo } from '../rules/vocabulary';

const FACILITY = /\b(emergency|emer|er|ed|observation|obs|obsenc|outpatient|hospital outpatient|hopd|surgery admit|day surgery|outpatient in a bed|imp|inpatient|acute|hospital)\b/;
const OFFICE = /\boffice\b/;
const CLINIC = /\bclinic\b/;

const readClassCached = memo(readClass, 1000);

/** `Emergency` -> facility, `Clinic` -> office, POS `11` -> office, `22` -> facility; anything else null. Cached per text. */
export function settingOfClass(text: string | null | undefined): Setting | null {
  return text ? readClassCached(text) : null;
}

function readClass(text: string): Setting | null {
  const t = text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  if (/^(pos )?11$/.test(t)) return 'office';
  if (/^(pos )?(19|22|23)$/.test(t)) return 'facility';
  if (OFFICE.test(t)) return 'office';
  if (FACILITY.test(t)) return 'facility'; // a hospital outpatient clinic bills as a facility
  if (CLINIC.test(t)) return 'office';
  return null;
}
