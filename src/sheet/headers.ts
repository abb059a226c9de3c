/**
 * Finding the table on a sheet: the header row (below any title rows), which column holds which field,
 * Infusion Coder's own derived columns from an earlier run, and the data rows below the header.
 */
import { FIELDS, type CellValue, type Field } from '../rules/types';
import { cellText, isEmptyCell } from './cell';
import { DERIVED_HEADERS } from './plan';
import { FLAGS_HEADER } from './marks';
import { assignFields, bestHeaderRow, HEADER_SCAN_ROWS, tableBelowHeader, type FieldHit } from './tableScan';
import type { ColumnMapping, Companions, DetectedTable, Grid } from './types';

/**
 * Header spellings per field, strongest first (RULES.md section 1 plus common EHR exports).
 * Matching ignores case, spaces and punctuation, and a trailing "number"/"no"/"id"/"#".
 */
export const HEADER_SYNONYMS: Record<Field, string[]> = {
  encounter: [
    'Encounter', 'Encounter ID', 'Encounter Number', 'Enc', 'Enc ID', 'Visit', 'Visit #', 'Visit ID', 'Visit Number',
    'Account', 'Account Number', 'Acct', 'Patient Account', 'Pt Account', 'Hospital Account', 'HAR', 'FIN',
    'FIN Number', 'Financial Number', 'CSN', 'Contact Serial Number', 'Episode', 'Case', 'Claim', 'Claim ID',
    'Admission', 'Visit Account',
    // athenaOne and practice-management exports key a visit by its appointment.
    // (Not a bare `Appointment`: its cells are often the booked date and time, which would merge patients.)
    'Appointment ID', 'Appointment Number', 'Appointment No', 'Appointment Num', 'Appt ID', 'Appt No', 'Appt Num', 'Appt Number',
  ],
  patient: [
    'Patient', 'Patient ID', 'MRN', 'Pt Name', 'Patient Name', 'Pt', 'Pt ID', 'MR', 'Medical Record Number',
    'Medical Record', 'Med Rec', 'Patient MRN', 'Pt MRN', 'Chart', 'Chart Number', 'Member ID', 'Person ID', 'Name',
    // A last name (readRows adds the first name from its own column: see FIRST_NAME_HEADERS).
    'Last Name', 'Patient Last Name', 'Pt Last Name', 'Surname', 'Family Name', 'LName', 'Last Nm', 'PAT_LAST_NAME',
    'Patient Last', 'Pt Last', 'PAT_ID', 'PAT_NAME', 'Pat Name', 'Pat MRN', 'PAT_MRN_ID',
  ],
  date: [
    'Date', 'DOS', 'Date of Service', 'Service Date', 'Svc Date', 'Admin Date', 'Administration Date', 'Visit Date',
    'Encounter Date', 'Date Given', 'Given Date', 'Date Administered', 'Infusion Date', 'Treatment Date', 'Tx Date',
    'Appointment Date', 'Appt Date', 'Start Date', 'Day',
  ],
  setting: [
    'Setting', 'POS', 'Place of Service', 'Place of Svc', 'POS Code', 'Location Type', 'Site of Service',
    'Service Setting', 'Care Setting', 'Setting Type', 'Facility/Office', 'Facility or Office', 'Facility Type',
    'Site of Care', 'Service Location', 'Place of Svc Code', 'Office/Facility',
    'Encounter Type', 'Patient Type', 'Pt Type', 'Patient Class', 'Pt Class', 'Encounter Class', 'Pat Class', 'PAT_CLASS',
  ],
  payer: [
    'Payer', 'Payor', 'Insurance', 'Plan', 'Financial Class', 'Fin Class', 'Payer Name', 'Payor Name',
    'Insurance Name', 'Insurance Plan', 'Insurer', 'Health Plan', 'Primary Payer', 'Primary Payor',
    'Primary Insurance', 'Primary Plan', 'Carrier', 'Insurance Carrier', 'Coverage', 'Ins', 'Ins Plan', 'Plan Name',
    'Primary Ins', 'Primary Ins Plan', 'Ins Name', 'Ins Carrier',
  ],
  drug: [
    'Drug', 'Medication', 'Med', 'Solution', 'Drug/Solution', 'Drug Name', 'Medication Name', 'Med Name', 'Meds',
    'Medication/Solution', 'Drug or Solution', 'Drug/Fluid', 'Drug or Fluid', 'Medication/Fluid', 'Fluid',
    'Drug Description', 'Medication Description', 'Med Description', 'Drug Administered', 'Medication Administered',
    'Medication Given', 'Drug Given', 'Generic Name', 'Brand', 'Brand Name', 'Product', 'Product Name', 'Agent',
    'Therapy', 'Medication Order', 'Order Name', 'Order Mnemonic', 'Mnemonic', 'Orderable', 'Order Description',
    'Drug Product', 'Description', 'Display Name', 'Med Display Name', 'Medication Display Name', 'Rx Name',
  ],
  dose: [
    'Dose', 'Dosage', 'Dose Given', 'Amount Given', 'Dose Amount', 'Admin Dose', 'Administered Dose', 'Dose Administered',
    // A bare `Amount` / `Qty` after the names of a dose given: in a biller's charge export it is the charge (`250`)
    // or the billed quantity (`1`), and it beat the `Admin Dose` beside it (`1 g`): J0696 was billed x1 from `1 mg`.
    // Still before a strength, a sig or a total, which are no dose given.
    'Amount', 'Qty', 'Quantity',
    'Total Dose', 'Dose/Volume', 'Dose & Volume', 'Dose and Unit',
    'Dose/Unit', 'Given Amount', 'Qty Given', 'Strength', 'Amt', 'Dose Amt', 'Given Dose', 'Admin Amount', 'Admin Amt',
    'Admin Qty', 'Dose Qty', 'Admin Dosage', 'Amount Administered', 'Total Given', 'Sig', 'Administered Amount',
    'Drug Amount', 'Med Amount', 'Medication Amount',
  ],
  waste: [
    'Waste', 'Wasted', 'Discarded', 'JW Amount', 'Waste Amount', 'Amount Wasted', 'Wasted Amount', 'Wastage',
    'Discard', 'Discarded Amount', 'Amount Discarded', 'JW', 'Drug Waste', 'Waste Qty', 'Wasted Qty', 'Unused',
    'Unused Amount',
  ],
  route: [
    'Route', 'Admin Route', 'Method', 'Route of Administration', 'Administration Route', 'Route/Method', 'Rt',
    'Admin Method', 'Method of Administration', 'Administration Method', 'Delivery', 'Delivery Method', 'Mode', 'Rte',
    'Route of Admin',
  ],
  purpose: [
    'Type', 'Purpose', 'Infusion Type', 'Category', 'Admin Type', 'Administration Type', 'Service Type',
    'Therapy Type', 'Treatment Type', 'Infusion Category', 'Infusion Purpose', 'Drug Category', 'Med Type',
    'Classification', 'Class',
    // A MAR's kind-of-administration column (`Infusion` | `Injection` | `IV Push`): a type, which may name the route.
    'Infusion/Injection', 'Injection/Infusion', 'Inf/Inj', 'Inj/Inf', 'Infusion or Injection',
  ],
  start: [
    'Start', 'Start Time', 'Time In', 'Begin', 'Begin Time', 'Start Date/Time', 'Start DateTime', 'Infusion Start',
    'Infusion Start Time', 'Admin Start', 'Admin Start Time', 'Start Tm', 'Time Started', 'Started', 'Started At',
    'Admin Time', 'Administration Time', 'Time Given', 'Given Time', 'Given At', 'Time Administered', 'Taken Time',
    'MAR Time', 'Administration Instant', 'From', 'Time Hung', 'Hang Time', 'Hung Time', 'Time On',
    'In', 'Time',
    // One cell holding both times (`09:30-10:45`): readRows splits it into start and stop.
    'Time In/Out', 'In/Out', 'Time In - Out', 'In - Out',
  ],
  stop: [
    'Stop', 'End', 'Stop Time', 'Time Out', 'End Time', 'Finish', 'Finish Time', 'Stop Date/Time', 'End Date/Time',
    'Stop DateTime', 'End DateTime', 'Infusion Stop', 'Infusion End', 'Infusion Stop Time', 'Infusion End Time',
    'Admin End', 'Admin Stop', 'Stop Tm', 'End Tm', 'Time Stopped', 'Time Ended', 'Stopped', 'Ended', 'Completed',
    'Completion Time', 'Complete Time', 'Discontinued', 'D/C Time', 'To', 'Out', 'Time Completed', 'Completed Time',
    'Time Off',
  ],
  rate: [
    'Rate', 'Infusion Rate', 'Rate (mL/hr)', 'Rate mL/hr', 'Flow Rate', 'Pump Rate', 'Drip Rate', 'Admin Rate',
    'Administration Rate', 'Infusion Rate (mL/hr)', 'Rate/Hr', 'mL/hr', 'Rate of Infusion',
  ],
  volume: [
    'Volume', 'Infused Volume', 'Volume Infused', 'Infusion Volume', 'Total Volume', 'Volume (mL)', 'Vol',
    'Volume mL', 'Total Volume Infused', 'Amount Infused', 'Volume Given', 'Infused Amount',
  ],
  site: [
    'Site', 'IV Site', 'Access', 'Line', 'Access Site', 'IV Access', 'IV Line', 'Line Site', 'Site of Access',
    'Vascular Access', 'IV Location', 'Location of IV', 'Line Location', 'Catheter Site', 'Catheter', 'Access Type',
    'Injection Site',
    'Admin Site', 'Administration Site', 'Body Site',
  ],
  diagnosis: [
    'Dx', 'Diagnosis', 'ICD-10', 'ICD10 Code', 'ICD-10 Code', 'ICD-10-CM', 'ICD-10-CM Code', 'ICD10', 'ICD',
    'ICD Code', 'Dx Code', 'Dx Codes', 'Diagnosis Code', 'Diagnosis Codes', 'Diagnoses', 'Diag', 'Diag Code',
    'Primary Dx', 'Primary Diagnosis', 'Principal Diagnosis', 'Admitting Dx', 'ICD-10 Dx', 'Dx1', 'Dx 1', 'ICD1',
    'Diagnosis 1', 'Primary ICD', 'Primary ICD-10',
  ],
  necessity: [
    'Necessity', 'Medical Necessity', 'Indication', 'Reason', 'Notes', 'Necessity Note', 'Medical Necessity Note',
    'Medical Necessity Notes', 'Clinical Indication', 'Indications', 'Reason for Infusion', 'Reason for Treatment',
    'Reason Given', 'Order Reason', 'Justification', 'Clinical Justification', 'Rationale', 'Clinical Notes',
    'Med Nec', 'Med Necessity', 'MN', 'Necessity Documentation', 'Reason for Administration', 'Clinical Reason',
    'Nursing Note', 'Nursing Notes', 'Nurse Note', 'Nurse Notes', 'Nurse Comments', 'Documentation', 'Note', 'Comments', 'Comment',
  ],
  order: [
    'Order ID', 'ORDER_MED_ID', 'Order Med ID', 'Order Number', 'Order #', 'Bag', 'Bag ID', 'Bag Number',
    'Bag #', 'Mix ID', 'Admixture ID', 'Med Order ID', 'Medication Order ID', 'Rx Number', 'Rx #', 'Prescription Number',
    'Dispense ID', 'Order Key',
  ],
  primary: [
    'Primary', 'Primary Reason', 'Primary Service', 'Primary Line', 'Primary Y/N', 'Is Primary', 'Primary Flag',
    'Primary Reason for Visit', 'Primary Procedure', 'Main Reason',
  ],
  provider: [
    'Provider', 'Physician', 'Ordering', 'Ordering Provider', 'Ordering Physician', 'Attending',
    'Attending Physician', 'Attending Provider', 'Supervising Provider', 'Supervising Physician', 'Rendering Provider',
    'Billing Provider', 'Provider Name', 'Physician Name', 'Ordered By', 'Prescriber', 'Practitioner', 'Doctor',
    'MD', 'Ordering MD', 'Dr',
  ],
  nurse: [
    'Nurse', 'Administered By', 'Admin By', 'Given By', 'RN', 'Nurse Name', 'Administering Nurse', 'Infusion Nurse',
    'Admin Nurse', 'Performed By', 'Documented By', 'Charted By', 'Administering Clinician', 'Administering User',
    'Clinician', 'Staff',
  ],
  ndc: [
    'NDC', 'NDC Code', 'NDC Number', 'National Drug Code', 'NDC 11', 'NDC-11', 'NDC10', 'NDC 10', 'Drug NDC',
    'Product NDC', 'Package NDC',
  ],
  '340b': ['340B', '340B Drug', '340B Acquired', '340B Purchased', '340B Y/N', '340B Flag', '340B Inventory'],
};

/**
 * Spanish headers (a US clinic's bilingual staff, a Puerto Rico facility): `Medicamento | Dosis | Vía | Fecha | Hora
 * inicio`. Accents are ignored as all punctuation is (`Vía` = `Via`). Without them such a sheet was refused whole ("no
 * table found"). Listed after the English ones, so an English header of the same sheet wins.
 */
const SPANISH_SYNONYMS: Partial<Record<Field, string[]>> = {
  encounter: ['Encuentro', 'Visita', 'Numero de Visita', 'No. de Visita', 'Episodio', 'Cuenta', 'Numero de Cuenta'],
  patient: ['Paciente', 'Nombre del Paciente', 'Historia Clinica', 'Expediente'],
  date: ['Fecha', 'Fecha de Servicio', 'Fecha de Administracion', 'Fecha de Atencion', 'Fecha de la Visita'], // (not `Dia`: a diastolic pressure)
  setting: ['Ambito', 'Entorno', 'Lugar de Servicio', 'Tipo de Paciente', 'Tipo de Visita'],
  payer: ['Aseguradora', 'Seguro', 'Pagador', 'Plan de Seguro', 'Financiador'],
  drug: ['Medicamento', 'Farmaco', 'Medicacion', 'Solucion', 'Nombre del Medicamento', 'Medicamento Administrado', 'Medicacion Administrada'],
  dose: ['Dosis', 'Cantidad', 'Dosis Administrada'],
  waste: ['Desecho', 'Desperdicio', 'Descarte', 'Cantidad Desechada'],
  route: ['Via', 'Via de Administracion', 'Ruta'],
  purpose: ['Tipo', 'Proposito', 'Finalidad', 'Categoria', 'Tipo de Infusion'],
  start: ['Hora Inicio', 'Hora de Inicio', 'Inicio', 'Hora de Comienzo', 'Comienzo'],
  stop: ['Hora Fin', 'Hora de Fin', 'Hora Final', 'Hora de Termino', 'Termino', 'Finalizacion'],
  rate: ['Velocidad', 'Velocidad de Infusion', 'Ritmo'],
  volume: ['Volumen', 'Volumen Infundido'],
  site: ['Sitio', 'Sitio de Acceso', 'Acceso Venoso', 'Localizacion'],
  diagnosis: ['Diagnostico', 'Codigo CIE-10', 'CIE-10', 'CIE10', 'Codigo de Diagnostico'],
  necessity: ['Necesidad Medica', 'Indicacion', 'Justificacion', 'Motivo', 'Notas', 'Observaciones', 'Comentarios'],
  provider: ['Medico', 'Medico Ordenante', 'Prescriptor'],
  nurse: ['Enfermera', 'Enfermero', 'Administrado Por'],
};
for (const [field, list] of Object.entries(SPANISH_SYNONYMS) as [Field, string[]][]) HEADER_SYNONYMS[field].push(...list);


/** Words of a unit column's header (`Dose Unit`, `DOSE_UNIT_C_NAME`, `Waste UOM`, `Unit of Measure`). */
const UNIT_WORDS_IN_HEADER = new Set(['unit', 'units', 'uom']);
const DOSE_WORDS_IN_UNIT_HEADER = new Set(['dose', 'dosage', 'admin', 'administered', 'administration', 'given', 'med', 'medication', 'drug']);
const WASTE_WORDS_IN_UNIT_HEADER = new Set(['waste', 'wasted', 'wastage', 'discarded', 'discard', 'jw']);
/** Words an export adds to a unit column's name: `_C_NAME`, `_CD`, `Unit of Measure`, `Display`. */
const UNIT_HEADER_FILLER = new Set(['of', 'measure', 'c', 'cd', 'name', 'code', 'disp', 'display', 'description', 'desc']);

/**
 * What a header of a separate unit column holds the unit of (`200` | `mg`, folded into the value by readRows):
 * the dose's (`Dose Unit`, `Dosage Unit`, `Admin Unit`), the waste's (`Waste UOM`), or either, by where the
 * column stands (`Unit`, `UOM`). Null for any other header: `Billed Units` and `HCPCS Units` count claim units,
 * and `Dose/Unit` or `Dose & Unit` is one column holding both (`4 mg`).
 */
export function unitHeaderKind(text: string): 'dose' | 'waste' | 'either' | null {
  const toks = tokens(text);
  if (!toks.some((t) => UNIT_WORDS_IN_HEADER.has(t))) return null;
  // `Unit Dose`: a unit word first, the dose after it, is a dose (a unit column names its unit after the dose).
  if (UNIT_WORDS_IN_HEADER.has(toks[0]) && toks.slice(1).some((t) => DOSE_WORDS_IN_UNIT_HEADER.has(t))) return null;
  if (/[([]\s*(?:units?|uom)\s*[)\]]/i.test(text)) return null; // `Dose (Units)`: a dose counted in units
  if (/(?:dose|dosage|amount|amt|qty)\s*(?:\/|&|\+|\band\b|,)\s*(?:units?|uom)\b/i.test(text)) return null;
  let kind: 'dose' | 'waste' | 'either' = 'either';
  for (const t of toks) {
    if (UNIT_WORDS_IN_HEADER.has(t) || UNIT_HEADER_FILLER.has(t)) continue;
    if (DOSE_WORDS_IN_UNIT_HEADER.has(t)) kind = kind === 'waste' ? 'waste' : 'dose';
    else if (WASTE_WORDS_IN_UNIT_HEADER.has(t)) kind = 'waste';
    else return null;
  }
  return kind;
}

/** Headers of a first-name column, read with a last-name patient column (`Smith` | `John`: `Smith, John`). */
const FIRST_NAME_HEADERS = new Set([
  'firstname', 'patientfirstname', 'ptfirstname', 'patfirstname', 'givenname', 'fname', 'first', 'firstnm', 'ptfirst', 'patientfirst', 'patfirst',
]);
/** `Stop Date`, `End Dt`, `Infusion End Date`: the date of a stop, without its time. */
function isStopDateHeader(text: string): boolean {
  const toks = tokens(text);
  return (
    has(toks, 'stop', 'end', 'finish', 'completed', 'completion', 'discontinued') &&
    has(toks, 'date', 'dt', 'day') &&
    toks.every((t) => STOP_DATE_WORDS.has(t)) // never an authorization's, an order's or a coverage's end date
  );
}
const STOP_DATE_WORDS = new Set([
  'stop', 'end', 'finish', 'completed', 'completion', 'discontinued', 'date', 'dt', 'day', 'infusion', 'admin', 'administration',
  'med', 'medication', 'drug', 'dose', 'actual', 'of', 'bag',
]);

/** Headers of a column saying whether an administration was an infusion or an injection. */
const ADMIN_KIND_HEADERS = new Set(['Infusion/Injection', 'Injection/Infusion', 'Inf/Inj', 'Inj/Inf', 'Infusion or Injection'].map(normalizeHeader));

/**
 * `Duration (min)`, `Infusion Duration`, `Run Time`, `Total Minutes`, `Length (hrs)`: how long an administration ran
 * (read with the start when the stop is blank). Never a length of stay, a rate or an anesthesia time.
 */
export function isDurationHeader(text: string): boolean {
  const toks = tokens(text);
  if (has(toks, 'stay', 'los', 'rate', 'units', 'unit', 'anesthesia', 'billed', 'ic')) return false;
  // Another span than the administration's (a visit, a chair, a wait, a course of therapy) or another measure (a
  // catheter's length in cm, days): read as minutes, `Length of IV (cm)` = 20 made a 20-minute infusion.
  if (has(toks, ...OTHER_SPANS) || has(toks, ...OTHER_MEASURES)) return false;
  if (has(toks, 'duration', 'runtime')) return true;
  // A bare length is a length of something: only an administration's (`Infusion Length`, `Length (min)`).
  if (has(toks, 'length')) return has(toks, 'infusion', 'infused', 'administration', 'admin', 'run') || TIME_UNIT_IN_HEADER.test(text);
  if (has(toks, 'minutes', 'mins')) return toks.every((t) => DURATION_WORDS.has(t));
  // `Run Time`, `Infusion Time (min)`: a time header with a unit of time is a length, not a clock time.
  return has(toks, 'time') && (has(toks, 'run', 'running', 'elapsed') || TIME_UNIT_IN_HEADER.test(text));
}
/** `(min)`, `[hrs]`: a unit of time written in a header. */
const TIME_UNIT_IN_HEADER = /[([]\s*(?:min|mins|minutes|hr|hrs|hours?)\s*[)\]]/i;
/** Spans a sheet may time that are not an administration's. */
// (`Treatment Time`, `Therapy Duration`: a visit's often; read as a row's, a start-only push became an infusion.)
const OTHER_SPANS = ['visit', 'appointment', 'appt', 'chair', 'wait', 'waiting', 'door', 'needle', 'catheter', 'course', 'encounter', 'procedure', 'recovery', 'observation', 'obs', 'treatment', 'therapy'];
/** Measures no administration's duration is written in. */
const OTHER_MEASURES = ['cm', 'mm', 'inch', 'inches', 'day', 'days', 'week', 'weeks', 'ml', 'gauge'];
const DURATION_WORDS = new Set(['minutes', 'mins', 'total', 'infusion', 'infused', 'admin', 'administration', 'run', 'of', 'time']);

/** `AM/PM`, `A/P`: the half of the day of the 12-hour clock times left of it. */
const MERIDIEM_HEADERS = new Set(['ampm', 'amorpm', 'ap', 'meridiem']);

/** A patient header that holds only the last name, so the first name belongs beside it. */
const LAST_NAME_WORDS = ['last', 'surname', 'family', 'lname'];
/** A bag or diluent volume beside the dose (`8 mg` | `50 mL`): readRows writes `8 mg in 50 mL`. */
const VOLUME_HEADERS = new Set(['bagvolume', 'bagsize', 'diluent', 'diluentvolume', 'fluidvolume']);

/** Filler words that make a header a key (`Medication ID`), not a name. */
const ID_TOKENS = ['id', 'identifier', 'number', 'num', 'nbr', 'no'];
/** Words a header may end with that add nothing ("Visit #", "Account Number", "Patient ID"). */
const FILLER_TOKENS = new Set(['number', 'num', 'nbr', 'no', 'id', 'identifier', 'name']);

function tokens(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length > 0);
}

/** Case-, space- and punctuation-insensitive form of a header: `"Visit #"` -> `visit`, `"ICD-10 Code"` -> `icd10code`. */
export function normalizeHeader(text: string): string {
  return tokens(text).join('');
}

function strippedKey(toks: string[]): string {
  const kept = toks.filter((t, i) => !(FILLER_TOKENS.has(t) && i > 0));
  return kept.join('');
}

interface SynonymHit {
  field: Field;
  /** Lower is stronger: position in the synonym list (exact), + 0.5 (filler words stripped), + 1000 (keywords). */
  rank: number;
}

// (`Appointment`, `Appt` alone: often the booked date and time, never the visit's key.)
const TOO_GENERIC_STRIPPED = new Set(['last', 'first', 'display', 'surname', 'family', 'appointment', 'appt']);
const EXACT = new Map<string, SynonymHit>();
const STRIPPED = new Map<string, SynonymHit>();
for (const field of FIELDS) {
  HEADER_SYNONYMS[field].forEach((synonym, index) => {
    const toks = tokens(synonym);
    const exact = toks.join('');
    const stripped = strippedKey(toks);
    if (!EXACT.has(exact)) EXACT.set(exact, { field, rank: index });
    // `Last Name` without its filler is `Last`, a column of any last thing (a last-dose flag): not the patient.
    if (!STRIPPED.has(stripped) && !TOO_GENERIC_STRIPPED.has(stripped)) STRIPPED.set(stripped, { field, rank: index + 0.5 });
  });
}

// The add-in's IC Flags column (marks.ts) is as much ours as the derived columns.
const DERIVED_KEYS = new Map([...DERIVED_HEADERS, FLAGS_HEADER].map((h) => [normalizeHeader(h), h]));

const has = (toks: string[], ...words: string[]) => words.some((w) => toks.includes(w));

/** Last resort for headers no synonym covers: words that name a field ("Infusion End Dt/Tm", "Pt Insurance"). */
function keywordField(toks: string[], text: string): Field | null {
  const timeish = has(toks, 'time', 'tm', 'datetime', 'hr', 'hour');
  // A patient's birth, an admission, a discharge or an order has a date too: none is the date of service.
  if (has(toks, 'birth', 'dob', 'born', 'admit', 'admission', 'discharge', 'order', 'ordered') && !has(toks, 'start', 'stop', 'end', 'begin')) {
    return null;
  }
  // Cerner's `BEG_EFFECTIVE_DT_TM` / `END_EFFECTIVE_DT_TM`, a plan's `Effective Date`: when a record or a coverage is
  // valid (`12/31/2100`), never when a dose was given.
  if (has(toks, 'effective') && has(toks, 'dt', 'date', 'coverage', 'plan', 'policy', 'eff')) return null;
  const dateOnly = has(toks, 'date', 'dt', 'day') && !timeish;
  if (has(toks, 'waste', 'wasted', 'wastage', 'discard', 'discarded', 'jw')) return 'waste';
  const byWhom = has(toks, 'by'); // `Completed By`, `Started By`: a person
  const startWord = has(toks, 'start', 'begin', 'began', 'begun', 'started', 'hung', 'hang');
  // `Complete` alone is a yes/no column; `Time Complete` is a stop.
  const stopWord =
    has(toks, 'stop', 'end', 'ended', 'finish', 'finished', 'stopped', 'discontinued', 'completed') ||
    (has(toks, 'complete') && timeish); // (`Infusion Complete?` is often a yes/no)
  // `Start/Stop`, `Start - Stop Time`, `Begin/End`: one cell holds both times (`09:30-10:45`); it is read as the
  // start, and readRows splits a range into start and stop (as the stop, a push's lone time was lost).
  if (startWord && stopWord && !dateOnly && !byWhom) return 'start';
  if (stopWord && !dateOnly && !byWhom) return 'stop';
  if (startWord && !dateOnly && !byWhom) return 'start';
  if (has(toks, 'icd', 'icd10', 'icd10cm', 'dx', 'diagnosis', 'diag', 'diagnoses') || toks.some((t) => /^(?:dx|icd|diag)\d{1,2}$/.test(t))) return 'diagnosis';
  if (has(toks, 'necessity', 'nec', 'indication', 'indications', 'justification', 'reason', 'rationale')) {
    return has(toks, 'primary') ? 'primary' : 'necessity';
  }
  // "Administration Date/Time" of a MAR: when the dose was given (the start of a push or injection)
  if (timeish && has(toks, 'admin', 'administration', 'administered', 'given')) return 'start';
  // `Drug & Dose`, `Medication/Dose/Route`: the drug is named first, with its dose (read from the drug cell). A
  // `Drug Amount` is the amount alone.
  const drugWord = has(toks, 'drug', 'medication', 'med', 'meds', 'solution');
  if (drugWord && (has(toks, 'route') || (/[/&+]|\band\b/i.test(text) && has(toks, 'dose', 'dosage', 'amount')))) return 'drug';
  if (drugWord && has(toks, 'dose', 'dosage', 'amount', 'amt', 'qty', 'quantity') && !has(toks, ...MONEY_WORDS)) return 'dose';
  if (has(toks, 'route')) return 'route';
  if (has(toks, 'primary') && !has(toks, 'insurance', 'ins', 'payer', 'payor', 'plan', 'provider', 'physician')) {
    return 'primary';
  }
  if (has(toks, 'payer', 'payor', 'insurance', 'ins', 'insurer', 'carrier', 'financial') || (has(toks, 'fin') && has(toks, 'class'))) return 'payer';
  // `Visit Type`, `Encounter Type`, `Patient Class`: the kind of visit (its setting), never the visit itself.
  if (has(toks, 'setting', 'pos') || (has(toks, 'type', 'class') && has(toks, 'visit', 'encounter', 'patient', 'pt', 'pat'))) return 'setting';
  if (has(toks, 'nurse', 'rn') || (has(toks, 'by') && has(toks, 'administered', 'given', 'admin'))) return 'nurse';
  if (has(toks, 'provider', 'physician', 'attending', 'ordering', 'prescriber', 'md')) return 'provider';
  if (has(toks, 'dose', 'dosage', 'qty', 'quantity')) return 'dose';
  if (has(toks, 'drug', 'medication', 'med', 'meds', 'solution')) return 'drug';
  // `Pt Acct #`, `Patient Visit #`: the patient's account or visit is the encounter, unless the header names the
  // patient (`Encounter Patient Name`, `Account Holder Patient`, an MRN); `Patient Visit ID` is the visit.
  const namesPatient = has(toks, 'mrn') || (has(toks, 'patient', 'pt') && has(toks, 'name', 'holder'));
  if (has(toks, 'encounter', 'visit', 'account', 'acct', 'fin', 'csn') && !dateOnly && !namesPatient) return 'encounter';
  // `Patient Sex`, `Pt Location`, `Patient Age`: about the patient, not who the patient is.
  if (has(toks, 'mrn', 'patient', 'pt', 'pat') && !has(toks, ...ABOUT_THE_PATIENT)) return 'patient';
  if (has(toks, 'dos') || dateOnly) return 'date';
  if (has(toks, 'site', 'access')) return 'site';
  if (has(toks, 'purpose', 'category', 'type')) return 'purpose';
  if (has(toks, 'note', 'notes', 'comment', 'comments')) return 'necessity';
  return null;
}

/** Words of a header about the patient, not who the patient is (`Patient Sex`, `Pt Location`, `Patient First Name`). */
const ABOUT_THE_PATIENT = [
  'sex', 'gender', 'age', 'location', 'loc', 'room', 'bed', 'weight', 'wt', 'height', 'ht', 'status', 'dob', 'birth', 'phone',
  'address', 'city', 'state', 'zip', 'email', 'language', 'race', 'ethnicity', 'floor', 'ward', 'dept', 'department', 'first',
  'given', 'middle', 'fname', 'allergy', 'allergies', 'bsa', 'kg', 'lb', 'lbs',
];
/** Words of a money column (`Charge Amt`, `Billed Amount`): never a dose. */
const MONEY_WORDS = ['charge', 'charges', 'billed', 'bill', 'price', 'cost', 'paid', 'allowed', 'fee', 'balance', 'payment', 'total'];

/** Export spellings of words: Cerner's `ENCNTR`, `_CD` code columns (`FINANCIAL_CLASS_CD`), Meditech's `Adm Date/Time`. */
function exportWords(toks: string[]): string[] {
  const timeish = has(toks, 'time', 'tm', 'datetime', 'dttm');
  // Cerner's `BEG_DT_TM` (CE_MED_RESULT-style Discern output) is the administration's begin: unread, every infusion lost
  // its start and was coded as a push. (`BEG_EFFECTIVE_DT_TM`, a record's validity, is no administration time.)
  // (Not an encounter's or a visit's begin, `ENCNTR_BEG_DT_TM`: the visit started before its first dose.)
  const notTheDose = toks.some((t) => t === 'effective' || t === 'encntr' || t === 'encounter' || t === 'visit' || t === 'reg');
  const out = toks.map((t) =>
    t === 'encntr' ? 'encounter' : t === 'dttm' ? 'datetime' : t === 'adm' && timeish ? 'admin' : t === 'beg' && timeish && !notTheDose ? 'begin' : t,
  );
  return out.length > 1 && out[out.length - 1] === 'cd' ? out.slice(0, -1) : out;
}

/** The field a header names, or null. Exact synonyms beat stripped ones, which beat keywords. */
export function matchHeader(text: string): SynonymHit | null {
  const toks = tokens(text);
  if (toks.length === 0 || unitHeaderKind(text) !== null) return null; // a unit column is read with its value's

  const exact = EXACT.get(toks.join(''));
  if (exact) return exact;
  const stripped = STRIPPED.get(strippedKey(toks));
  // `MEDICATION_ID`, `Drug Number` (Epic Clarity, Cerner): the catalog's key of the drug (`100407`), not its name.
  // Read as the drug only when no other column names it: beside `MED_NAME` the numeric key won (`Medication` ranks
  // above `Med Name`), and every line lost its HCPCS code as an unknown drug.
  if (stripped && stripped.field === 'drug' && has(toks.slice(1), ...ID_TOKENS)) return { field: 'drug', rank: 2000 + stripped.rank };
  if (stripped) return stripped;
  // "Dose (mg)", "Start Time (24h)": the words outside the parentheses
  const outside = text.replace(/\([^)]*\)/g, ' ');
  if (outside !== text && outside.trim() !== '') {
    const hit = matchHeader(outside);
    if (hit && hit.rank < 1000) return { field: hit.field, rank: hit.rank + 0.25 };
  }
  if (toks.length > 6) return null; // a sentence (a title or a note), not a header
  const field = keywordField(exportWords(toks), text);
  if (!field) return null;
  // `Actual Start` beats `Scheduled Start` (otherwise the leftmost of two equal spellings wins).
  const planned = has(toks, 'scheduled', 'planned', 'due', 'expected', 'ordered', 'order', 'target');
  // Cerner's `EVENT_END_DT_TM` is when the chart event was filed (a push's given time), not the bag's stop: the
  // `ADMIN_END_DT_TM` right of it must win (leftmost of equal ranks won, and every infusion became a push).
  // (Half a step: a scheduled time yields to it.)
  const chartEvent = (field === 'start' || field === 'stop') && has(toks, 'event');
  return { field, rank: 1000 + (planned ? 1 : chartEvent ? 0.5 : 0) - (has(toks, 'actual', 'documented', 'charted') ? 1 : 0) };
}

/** Is this header one of Infusion Coder's own derived columns? Returns the canonical header. */
export function derivedHeader(text: string): string | null {
  return DERIVED_KEYS.get(normalizeHeader(text)) ?? null;
}

/** A cell's text when it can be a header (text of 1-80 characters), else null. */
export function headerText(value: CellValue): string | null {
  // Headers are text; a number or date in a row marks it as data.
  if (typeof value !== 'string' && !(value && typeof value === 'object' && !(value instanceof Date))) return null;
  const text = cellText(value);
  return text.length > 0 && text.length <= 80 ? text : null;
}

/**
 * The header cells of a row: every header text by sheet column, and the product's own derived columns by
 * their canonical header (the first of each); `each` sees every other header cell.
 */
export function readHeaderCells(
  cells: CellValue[],
  firstColumn: number,
  each: (column: number, text: string) => void,
): { headers: Map<number, string>; derived: Map<string, number> } {
  const headers = new Map<number, string>();
  const derived = new Map<string, number>();
  const others: number[] = [];
  const owns: [number, string][] = [];
  for (let c = 0; c < cells.length; c++) {
    const text = headerText(cells[c]);
    if (text === null) continue;
    const column = firstColumn + c;
    headers.set(column, text);
    const own = derivedHeader(text);
    if (own) owns.push([column, own]);
    else others.push(column);
  }
  // An earlier run's block starts with IC CPT: a header such as `IC Findings` without it, or left of it, is a
  // column of the user's that happens to share our name, never ours to write over.
  const start = owns.find(([, own]) => own === DERIVED_HEADERS[0])?.[0];
  for (const [column, own] of owns) {
    if (start === undefined || column < start) others.push(column);
    else if (!derived.has(own)) derived.set(own, column);
  }
  for (const column of others.sort((a, b) => a - b)) each(column, headers.get(column) as string);
  return { headers, derived };
}

/**
 * An earlier run's block alone: the first row of the top rows whose header cells hold our derived headers (from
 * IC CPT on), as a table with no fields. For "Clear results" where the user's table is no longer recognised (a
 * header of theirs renamed, their columns deleted): our columns are ours by their header, so they are still
 * found and emptied, down to the rows our values fill, rather than left behind with the ledger gone.
 */
export function ownBlockTable(grid: Grid): DetectedTable | null {
  const scan = Math.min(grid.values.length, HEADER_SCAN_ROWS);
  for (let index = 0; index < scan; index++) {
    const { headers, derived } = readHeaderCells(grid.values[index] ?? [], grid.firstColumn, () => undefined);
    if (derived.size > 0) return tableBelowHeader(grid, index, { headers, mapping: {}, derived }, () => false);
  }
  return null;
}

interface RowMapping {
  mapping: ColumnMapping;
  headers: Map<number, string>;
  derived: Map<string, number>;
  unitColumns: { dose?: number; waste?: number };
  volumeColumn?: number;
  companions: Companions;
  headerUnits: { dose?: string; waste?: string };
  /** Fields found from the row's own text (overrides excluded), for scoring. */
  autoCount: number;
}

/**
 * Hits in the header row's main block (the run of headers, between empty header cells, naming the most fields)
 * first: a second table further right (a summary with its own `Drug`, `Start`) takes only what the main table
 * does not name, however strong its spelling.
 */
function outsideTableLast(hits: FieldHit[], headers: Map<number, string>): FieldHit[] {
  if (hits.length < 2) return hits;
  const columns = [...headers.keys()].sort((a, b) => a - b);
  const blockOf = new Map<number, number>();
  let block = 0;
  for (let i = 0; i < columns.length; i++) {
    if (i > 0 && columns[i] > columns[i - 1] + 1) block++;
    blockOf.set(columns[i], block);
  }
  if (block === 0) return hits;
  const fieldsIn = new Map<number, Set<string>>();
  for (const h of hits) {
    const b = blockOf.get(h.column) ?? -1;
    let set = fieldsIn.get(b);
    if (!set) fieldsIn.set(b, (set = new Set()));
    set.add(h.field);
  }
  let main = -1;
  let most = 0;
  for (const [b, set] of fieldsIn) if (set.size > most) [main, most] = [b, set.size];
  return hits.map((h) => (blockOf.get(h.column) === main ? h : { ...h, rank: h.rank + OUTSIDE_MAIN_TABLE }));
}
const OUTSIDE_MAIN_TABLE = 100000;

function mapRow(cells: CellValue[], firstColumn: number, override: ColumnMapping | undefined): RowMapping {
  const byColumn = new Map<number, string>();
  const hits: FieldHit[] = [];
  const { headers, derived } = readHeaderCells(cells, firstColumn, (column, text) => {
    byColumn.set(column, normalizeHeader(text));
    const hit = matchHeader(text);
    if (hit) hits.push({ column, field: hit.field, rank: hit.rank });
  });
  const { mapping, used, mapped } = assignFields(outsideTableLast(hits, headers), override);
  let autoCount = mapped;
  // Overrides count towards the score only where this row has a header over them.
  for (const column of new Set(Object.values(override ?? {}))) if (column && column > 0 && headers.has(column)) autoCount++;

  const unitColumns = unitColumnsOf(byColumn, headers, used, mapping);
  let volumeColumn: number | undefined;
  if (mapping.dose) {
    for (const [column, key] of byColumn) {
      if (!used.has(column) && VOLUME_HEADERS.has(key) && volumeColumn === undefined) volumeColumn = column;
    }
  }
  const headerUnits: { dose?: string; waste?: string } = {};
  for (const field of ['dose', 'waste'] as const) {
    const column = mapping[field];
    const unit = column ? unitInHeader(headers.get(column) ?? '') : null;
    if (unit) headerUnits[field] = unit;
  }
  // A last name's first name: `Last Name` | `First Name` are one patient (two Smiths on one date are two visits).
  const companions: Companions = {};
  const patientHeader = mapping.patient ? tokens(headers.get(mapping.patient) ?? '') : [];
  if (patientHeader.some((t) => LAST_NAME_WORDS.includes(t))) {
    for (const [column, key] of byColumn) if (!used.has(column) && FIRST_NAME_HEADERS.has(key) && companions.firstName === undefined) companions.firstName = column;
  }
  // A stop date beside the stop's clock times (`Stop Date` | `Stop Time`): an infusion that ends the next day.
  if (mapping.stop) {
    for (const [column] of byColumn) if (!used.has(column) && companions.stopDate === undefined && isStopDateHeader(headers.get(column) ?? '')) companions.stopDate = column;
  }
  // A documented duration with the start (`Duration (min)`, `Run Time`): a log that charts how long, not until when.
  if (mapping.start) {
    for (const [column] of byColumn) if (!used.has(column) && companions.duration === undefined && isDurationHeader(headers.get(column) ?? '')) companions.duration = column;
  }
  // `Infusion/Injection` beside a route column, when a purpose column holds the type: it says push or infusion.
  if (mapping.route) {
    for (const [column, key] of byColumn) if (!used.has(column) && ADMIN_KIND_HEADERS.has(key) && companions.adminKind === undefined) companions.adminKind = column;
  }
  // `AM/PM` right of a start or stop of 12-hour clock times (a hand-made log): `1:00` | `PM` is 13:00.
  for (const [column, key] of byColumn) {
    if (used.has(column) || !MERIDIEM_HEADERS.has(key)) continue;
    if (mapping.start && column === mapping.start + 1 && companions.startMeridiem === undefined) companions.startMeridiem = column;
    else if (mapping.stop && column === mapping.stop + 1 && companions.stopMeridiem === undefined) companions.stopMeridiem = column;
  }
  return { mapping, headers, derived, unitColumns, volumeColumn, companions, headerUnits, autoCount };
}

/**
 * The unit columns of the dose and the waste. A header naming the dose's or the waste's unit is theirs wherever it
 * stands; a bare `Unit` is the one beside the dose (either side) or the waste. A bare `UOM` / `Unit of Measure`
 * names a unit wherever it stands, so with no waste column it is the dose's. (`Units` alone beside nothing is
 * left unread: a billing export's `Units` are claim units.)
 */
function unitColumnsOf(byColumn: Map<number, string>, headers: Map<number, string>, used: Set<number>, mapping: ColumnMapping): { dose?: number; waste?: number } {
  const out: { dose?: number; waste?: number } = {};
  const beside = (column: number, field: 'dose' | 'waste') => {
    const at = mapping[field];
    return at !== undefined && at > 0 && (column === at + 1 || column === at - 1);
  };
  const loose: number[] = [];
  for (const column of [...byColumn.keys()].sort((a, b) => a - b)) {
    if (used.has(column)) continue;
    const kind = unitHeaderKind(headers.get(column) ?? '');
    if (kind === 'waste') {
      if (mapping.waste && out.waste === undefined) out.waste = column;
    } else if (kind === 'dose') {
      if (mapping.dose && out.dose === undefined) out.dose = column;
    } else if (kind === 'either') loose.push(column);
  }
  // A bare `Unit` beside the dose or the waste, unless a header names the dose's (or waste's) unit: a billing
  // export's `Units` or a ward's `Unit` beside the dose then stays unread.
  const bare: number[] = [];
  // `UOM` says unit of measure; a bare `Unit` may be a ward's (`ED`): UOM first.
  const isUom = (column: number) => /^(?:uom|unitofmeasure)$/.test(byColumn.get(column) ?? '');
  loose.sort((a, b) => Number(isUom(b)) - Number(isUom(a)) || a - b);
  for (const column of loose) {
    if (mapping.dose && out.dose === undefined && beside(column, 'dose')) out.dose = column;
    else if (mapping.waste && out.waste === undefined && beside(column, 'waste')) out.waste = column;
    else if (isUom(column)) bare.push(column);
  }
  if (mapping.dose && out.dose === undefined && !mapping.waste && bare.length === 1) out.dose = bare[0];
  return out;
}

const UNIT_WORDS: Record<string, string> = {
  mg: 'mg', g: 'g', gm: 'g', gram: 'g', grams: 'g', mcg: 'mcg', ug: 'mcg', ml: 'mL', cc: 'mL', l: 'L', unit: 'units', mmol: 'mmol',
  units: 'units', u: 'units', iu: 'units', meq: 'mEq',
};

/** The unit a header names for its numbers: `Dose (mg)`, `Waste mg`, `Volume (mL)`. */
export function unitInHeader(header: string): string | null {
  const inParens = /[([]([^)\]]*)[)\]]/.exec(header);
  // Lower case first: `mL` and `mEq` are one word each, not camel case.
  const lower = (text: string) => tokens(text.toLowerCase());
  const candidates = inParens ? lower(inParens[1]) : lower(header).slice(1);
  for (const t of candidates) if (UNIT_WORDS[t]) return UNIT_WORDS[t];
  return null;
}

function isTable(m: RowMapping): boolean {
  const fields = Object.keys(m.mapping) as Field[];
  const keyField = fields.some((f) => f === 'start' || f === 'stop' || f === 'drug');
  return m.autoCount >= 3 && fields.length >= 3 && keyField;
}

/** A data row repeats the header (exports that print the header on every page): same text, any case. */
function isRepeatedHeader(cells: CellValue[], headerText: readonly HeaderAt[]): boolean {
  let same = 0;
  for (let k = 0; k < headerText.length; k++) {
    const { index, text, ascii } = headerText[k];
    const value = cells[index];
    if (typeof value !== 'string' || value.length > 80) continue;
    // Every data row passes here: a cell of another length cannot match unless spaces surround it (lower
    // case keeps the length of ASCII text; other text is compared in full).
    if (ascii && (value.length < text.length || (value.length !== text.length && !SPACE.test(value[0]) && !SPACE.test(value[value.length - 1])))) continue;
    if (value.trim().toLowerCase() === text) same++;
  }
  return headerText.length > 0 && same >= Math.min(3, headerText.length);
}

/** What trim() takes off (a no-break space too). */
const SPACE = /\s/;

/** A mapped header: its index in a row's cells and its text, trimmed and lower-case. */
interface HeaderAt {
  index: number;
  text: string;
  ascii: boolean;
}

/**
 * Which rows under a header are data: a row with a value in a mapped column (or a unit or volume column)
 * that does not repeat the header. Row by row, so a reader can sort rows as they stream in.
 */
export function dataRowTest(
  firstColumn: number,
  mapping: ColumnMapping,
  headers: Map<number, string>,
  unitColumns: DetectedTable['unitColumns'],
  volumeColumn: number | undefined,
  companions?: Companions,
): (cells: CellValue[]) => boolean {
  const mappedColumns = [
    ...new Set(
      [...Object.values(mapping), unitColumns?.dose, unitColumns?.waste, volumeColumn, companions?.firstName, companions?.stopDate].filter(
        (c): c is number => typeof c === 'number' && c > 0,
      ),
    ),
  ].map((c) => c - firstColumn);
  const mappedHeaders = new Map<number, string>();
  for (const column of Object.values(mapping)) {
    const header = column ? headers.get(column) : undefined;
    if (column && header) mappedHeaders.set(column, header.trim().toLowerCase());
  }
  const headerText: HeaderAt[] = [...mappedHeaders].map(([column, text]) => ({ index: column - firstColumn, text, ascii: /^[\x00-\x7f]*$/.test(text) }));
  // What an administration documents: a totals row under the table has none of these.
  const documented = (['drug', 'start', 'stop'] as const).map((f) => mapping[f]).filter((c): c is number => typeof c === 'number' && c > 0).map((c) => c - firstColumn);
  // A data row has a value in a mapped column, does not repeat the header, and is not a totals row.
  return (cells: CellValue[]): boolean => {
    for (let i = 0; i < mappedColumns.length; i++) {
      if (!isEmptyCell(cells[mappedColumns[i]])) return !isRepeatedHeader(cells, headerText) && !isTotalsRow(cells, documented);
    }
    return false;
  };
}

/** `Total`, `Totals:`, `Grand total`, `Subtotal`: the label of a totals row (an Excel table's, or typed). */
const TOTAL_LABEL = /^(?:grand\s+|sub\s*)?totals?\s*:?$/i;

/**
 * A report's footer line alone in its row: `Total administrations: 15`, `*** End of report ***`, `Page 2 of 3`,
 * `Printed 03/02/2026 by ...`, `Report generated ...`, `Confidential ...`.
 */
const FOOTER_LINE = /^[*=\-\s]*(?:(?:grand\s+|sub\s*)?totals?\b|end of (?:report|data|file)\b|page \d+( of \d+)?\b|printed\b|report (?:generated|run|printed)\b|generated (?:on|by)\b|run (?:date|time)\b|confidential\b)/i;

/**
 * A row labelled as a total, or a report's footer line alone in its row, with no drug and no times: it sums the
 * rows above or closes the report, it is no administration.
 */
function isTotalsRow(cells: CellValue[], documented: number[]): boolean {
  for (const i of documented) if (!isEmptyCell(cells[i])) return false;
  let filled = 0;
  let text: string | null = null;
  for (const v of cells) {
    if (typeof v === 'string' && v.length < 16 && TOTAL_LABEL.test(v.trim())) return true;
    if (isEmptyCell(v)) continue;
    filled++;
    if (typeof v === 'string') text = v;
  }
  return filled === 1 && text !== null && FOOTER_LINE.test(text.trim());
}

/**
 * Finds the header row (the row that maps the most fields within the first rows; it needs at least three,
 * one of them a time or the drug), maps headers to fields (`override` wins; a column of 0 unmaps a field),
 * recognises earlier derived columns, and lists the data rows (rows with a value in a mapped column).
 */
export function detectTable(grid: Grid, override?: ColumnMapping, namedRow?: number): DetectedTable | null {
  const map = (cells: CellValue[], index: number) => mapRow(underUpperRow(withGroupLabels(cells, grid.values[index - 1]), cells, grid.values[index - 1]), grid.firstColumn, override);
  // The row that names every header the user mapped is the header row: a data row of text times and names
  // under headers the product does not know can score as many fields.
  const named = namedRow === undefined ? null : { index: namedRow, m: map(grid.values[namedRow] ?? [], namedRow) };
  const best = named && isTable(named.m) ? named : bestHeaderRow(grid, map, isTable, (m) => m.autoCount);
  if (!best) return null;
  const { index: headerIndex, m } = best;
  const isData = dataRowTest(grid.firstColumn, m.mapping, m.headers, m.unitColumns, m.volumeColumn, m.companions);
  const mapped = Object.values(m.mapping).filter((c): c is number => typeof c === 'number' && c > 0);
  return {
    ...tableBelowHeader(grid, headerIndex, m, isData, mapped),
    unitColumns: m.unitColumns,
    headerUnits: m.headerUnits,
    ...(m.volumeColumn ? { volumeColumn: m.volumeColumn } : {}),
    ...(Object.values(m.companions).some((c) => c !== undefined) ? { companions: m.companions } : {}),
  };
}

/** A header that names only a part of a moment: `Date`, `Time`, `Date/Time`. */
const MOMENT_PART = /^(?:date|time|date\s*\/?\s*time|dt|tm|dt\s*\/?\s*tm|hour|hr)$/i;

/**
 * A two-row header whose upper row groups the lower (`Start` merged over `Date | Time`, `Stop` over `Date | Time`):
 * a lower cell that names only a part of a moment takes the start or stop named above it (`Start Date`, `Stop
 * Time`). Only a label that names a start or a stop is taken, so a title above the header changes nothing.
 */
function withGroupLabels(cells: CellValue[], above: CellValue[] | undefined): CellValue[] {
  if (!above) return cells;
  let out: CellValue[] | null = null;
  for (let c = 0; c < cells.length; c++) {
    const part = cells[c];
    if (typeof part !== 'string' || !MOMENT_PART.test(part.trim())) continue;
    // A label written once over its two columns (a CSV has no merged cells): the one over the part on the left.
    const leftPart = cells[c - 1];
    const label = isEmptyCell(above[c]) && c > 0 && typeof leftPart === 'string' && MOMENT_PART.test(leftPart.trim()) ? above[c - 1] : above[c];
    if (typeof label !== 'string' || label.length > 40) continue;
    const field = matchHeader(label)?.field;
    if (field !== 'start' && field !== 'stop') continue;
    (out ??= cells.slice())[c] = `${label.trim()} ${part.trim()}`;
  }
  return out ?? cells;
}

/**
 * The lower row of a two-row header whose other headers stand only in the upper row (`Encounter | Drug | Infusion
 * Time` over `     |      | Start | Stop`, not merged down, as a CSV always is): the lower row's blank cells take
 * the upper row's headers, so the lower row names every field and the table starts below it. Only a lower row
 * of two or more header words, every one a field's, under an upper row with more headers; the upper row's
 * cells taken are those that name a field (a title's words are never a header).
 */
function underUpperRow(cells: CellValue[], own: CellValue[], above: CellValue[] | undefined): CellValue[] {
  if (!above) return cells;
  let lower = 0;
  for (const v of own) {
    if (isEmptyCell(v)) continue;
    if (typeof v !== 'string' || !matchHeader(v)) return cells; // a value: a data row, or a header of its own
    lower++;
  }
  let upper = 0;
  for (const v of above) if (typeof v === 'string' && !isEmptyCell(v)) upper++;
  if (lower < 2 || upper <= lower) return cells;
  let out: CellValue[] | null = null;
  for (let c = 0; c < above.length; c++) {
    const label = above[c];
    if (!isEmptyCell(own[c]) || typeof label !== 'string' || label.length > 80 || !matchHeader(label)) continue;
    (out ??= cells.slice())[c] = label;
  }
  return out ?? cells;
}

/**
 * The header texts of the columns a table does not read (no field, no unit or volume companion, not ours), for
 * the command line to name: a column the user expected to count (`Duration (min)`) never goes unread silently.
 */
export function unreadHeaders(table: DetectedTable): string[] {
  const read = new Set<number>();
  for (const c of Object.values(table.mapping)) if (typeof c === 'number' && c > 0) read.add(c);
  for (const c of table.derivedColumns?.values() ?? []) read.add(c); // (a read-ahead block's table has none)
  if (table.unitColumns?.dose) read.add(table.unitColumns.dose);
  if (table.unitColumns?.waste) read.add(table.unitColumns.waste);
  if (table.volumeColumn) read.add(table.volumeColumn);
  for (const c of Object.values(table.companions ?? {})) if (c) read.add(c);
  // An action log's own columns (action, time, order, rate ...) are read too.
  const log = (table as DetectedTable & { log?: Record<string, number | undefined> }).log;
  if (log) for (const c of Object.values(log)) if (typeof c === 'number' && c > 0) read.add(c);
  const out: string[] = [];
  for (const [column, text] of [...table.headers].sort((a, b) => a[0] - b[0])) if (!read.has(column) && text.trim()) out.push(text.trim());
  return out;
}
