/**
 * FHIR R4 MedicationAdministration resources to administration rows (EXPORTS.md B): one row per usable
 * administration, with its FHIR id and the input fields, as a grid the writers put beside the IC columns.
 * Patient, Encounter, Coverage and Medication come from the same export (bundled, contained or referenced).
 */
import { FINDING_SEVERITY } from '../../rules/findings';
import type { CellValue, Field, Finding, InputRow, Setting } from '../../rules/types';
import { readNdc } from '../../rules/values/ndc';
import { plainNumber } from '../../rules/values/exponent';
import { readRoute } from '../../rules/vocabulary';
import type { DetectedTable, Grid } from '../../sheet/types';
import { settingOfClass } from '../setting';
import { count, type AdapterOutput, type SourceNote } from '../types';
import type { FhirProblem, ReadResource } from './read';
import {
  coverageSchema,
  encounterSchema,
  medicationAdministrationSchema,
  medicationSchema,
  patientSchema,
  type CodeableConcept,
  type Coverage,
  type Encounter,
  type Medication,
  type MedicationAdministration,
  type Patient,
  type Quantity,
} from './schemas';

/** A FHIR row's encounter comes from its resource, never from these (shared, never mutated). */
const NO_VALUES: SourceNote['encounterValues'] = Object.freeze({});

export const NDC_SYSTEM = 'http://hl7.org/fhir/sid/ndc';
const ICD10CM_SYSTEM = 'http://hl7.org/fhir/sid/icd-10-cm';
const SNOMED_ROUTES: Record<string, string> = { '47625008': 'IV', '78421000': 'IM', '34206005': 'SC' };
/** Encounter.class codes (v3 ActCode) billed as a facility: emergency, observation, inpatient, short stay. */
const FACILITY_CLASSES = new Set(['EMER', 'OBSENC', 'IMP', 'ACUTE', 'SS', 'NONAC', 'PRENC']);
/** The statuses whose administrations are not coded (EXPORTS.md B). */
const NOT_CODED = new Set(['not-done', 'entered-in-error']);

/** The columns of the coded workbook, in order, and the field each one feeds. */
export const FHIR_COLUMNS: readonly [string, Field | null][] = [
  ['FHIR id', null], ['Status', null], ['Encounter', 'encounter'], ['Patient', 'patient'], ['Setting', 'setting'],
  ['Payer', 'payer'], ['Drug', 'drug'], ['NDC', 'ndc'], ['Dose', 'dose'], ['Rate', 'rate'], ['Route', 'route'], ['Start', 'start'],
  ['Stop', 'stop'], ['Site', 'site'], ['Diagnosis', 'diagnosis'], ['Necessity', 'necessity'], ['Nurse', 'nurse'], ['Bag', 'order'],
];
const NDC_COLUMN = FHIR_COLUMNS.findIndex(([h]) => h === 'NDC') + 1;

export interface FhirCounts {
  /** MedicationAdministration resources read. */
  administrations: number;
  /** Coded rows. */
  coded: number;
  /** Not coded, by status (not-done, entered-in-error) or `unreadable` (fails the schema). */
  notCoded: Map<string, number>;
  /** Patient, Encounter, Coverage, Medication resources used for context. */
  context: number;
  /** Other resource types, by type. */
  otherTypes: Map<string, number>;
}

export interface FhirInput {
  grid: Grid;
  table: DetectedTable;
  source: AdapterOutput;
  counts: FhirCounts;
  /** Resources that failed the schema, and read problems passed in. */
  problems: FhirProblem[];
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
const UTC_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z$/i;

/**
 * `2026-03-02T09:30:00-05:00` -> `2026-03-02 09:30`: the wall-clock time charted (the offset is the site's).
 * An instant in UTC (`...Z`, as some exports write every time) is the time on this computer's clock, which is
 * the site's: 23:10 in New York exported as `04:10Z` the next day stays on its date of service.
 */
export function wallClock(text: string | undefined): string | null {
  if (!text) return null;
  if (UTC_INSTANT.test(text)) {
    const d = new Date(text);
    if (Number.isFinite(d.getTime())) {
      const two = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
    }
  }
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2}))?/.exec(text);
  if (!m) return null;
  return m[2] ? `${m[1]} ${m[2]}:${m[3]}` : m[1];
}

/**
 * Per administration id, the id of the bag it belongs to when `partOf` links it to another administration of the
 * export (followed to the first, whatever the order): a segment and the administration it continues share one.
 */
function bagsOf(list: readonly MedicationAdministration[]): Map<string, string> {
  const byId = new Map<string, MedicationAdministration>();
  for (const ma of list) if (ma.id) byId.set(ma.id, ma);
  const parentOf = (ma: MedicationAdministration): string | null => {
    for (const p of ma.partOf ?? []) {
      const m = /(?:^|\/)MedicationAdministration\/([^/]+)$/.exec(p.reference ?? '');
      if (m && byId.has(m[1]) && m[1] !== ma.id) return m[1];
    }
    return null;
  };
  // Each id's root once (a chain of segments, each partOf the one before, is walked once, not once per segment).
  const rootOf = new Map<string, string>();
  const root = (id: string): string => {
    const path: string[] = [];
    const onPath = new Set<string>();
    let at = id;
    for (;;) {
      const known = rootOf.get(at);
      if (known !== undefined) {
        at = known;
        break;
      }
      path.push(at);
      onPath.add(at);
      const parent = parentOf(byId.get(at)!);
      if (parent === null || onPath.has(parent)) break; // the first, or a loop of partOf: stop there
      at = parent;
    }
    for (const p of path) rootOf.set(p, at);
    return at;
  };
  const out = new Map<string, string>();
  for (const ma of list) {
    if (!ma.id) continue;
    const r = root(ma.id);
    if (r !== ma.id) {
      out.set(ma.id, r);
      out.set(r, r);
    }
  }
  return out;
}

/** `Patient/p1` of a subject reference, whatever its form (`https://server/fhir/Patient/p1`); '' for none. */
function patientKey(reference: string | undefined): string {
  if (!reference) return '';
  return /(?:^|\/)(Patient\/[^/]+)$/.exec(reference)?.[1] ?? reference;
}

/** An instant's milliseconds when its text names its zone (`Z`, `-05:00`), else null. */
function instant(text: string | undefined): number | null {
  if (!text || !/T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/i.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}

/** `2026-03-08 01:30` as milliseconds on a clock without zones, and back. */
const wallMs = (wall: string) => Date.parse(`${wall.replace(' ', 'T')}:00Z`);
const wallText = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/**
 * The stop the rules count to: the charted wall clock, unless both ends name their zones and the clock changed
 * between them (daylight saving time: 01:30-05:00 to 03:30-04:00 is 60 minutes, not 120). Then the stop is the
 * start's wall clock plus the minutes that really passed, so the minutes coded are the minutes given.
 */
function elapsedStop(startText: string | undefined, endText: string | undefined, startWall: string | null, stopWall: string | null): string | null {
  const from = instant(startText);
  const to = instant(endText);
  if (stopWall === null || startWall === null || from === null || to === null || !startWall.includes(' ') || !stopWall.includes(' ')) return stopWall;
  const real = to - from;
  if (real < 0 || real === wallMs(stopWall) - wallMs(startWall)) return stopWall;
  return wallText(wallMs(startWall) + real);
}

function conceptText(c: CodeableConcept | undefined): string {
  if (!c) return '';
  return c.text?.trim() || c.coding?.find((x) => x.display)?.display?.trim() || '';
}

function quantityText(q: Quantity | undefined): string {
  if (!q || q.value === undefined) return '';
  // UCUM's arbitrary units (`[iU]`, `[U]`) are the units a dose reader knows.
  const unit = (q.unit ?? q.code ?? '').replace(/^\[(?:iU|IU|U|arb'U)\]$/, 'units');
  // In plain digits: JavaScript prints 0.0000004 as 4e-7, which a dose reader would take for 7.
  const value = typeof q.value === 'number' ? plainNumber(q.value) : String(q.value);
  return unit ? `${value} ${unit}` : value;
}

/** `rateQuantity` 125 mL/h, or `rateRatio` 125 mL / 1 h: `125 mL/h`. */
function rateText(dosage: MedicationAdministration['dosage']): string {
  if (!dosage) return '';
  if (dosage.rateQuantity) return quantityText(dosage.rateQuantity);
  const ratio = dosage.rateRatio;
  if (!ratio?.numerator || ratio.numerator.value === undefined) return '';
  const per = ratio.denominator;
  const perUnit = per?.unit ?? per?.code ?? 'h';
  // `100 mL per 30 min` is 200 mL/h: a rate cell reads one unit of time.
  const perValue = typeof per?.value === 'number' && per.value > 0 ? per.value : 1;
  const minutes = /^min/i.test(perUnit);
  const hours = /^(h|hr|hour)s?$/i.test(perUnit);
  const value = ratio.numerator.value;
  if ((minutes || hours) && typeof value === 'number' && perValue !== 1) {
    return quantityText({ ...ratio.numerator, value: minutes ? (value * 60) / perValue : value / perValue }) + '/h';
  }
  return `${quantityText(ratio.numerator)}/${perUnit}`;
}

/** SNOMED route (IV, IM, SC) or its text, with the method's push/infusion: `IV push`, `IV infusion`. */
function routeText(dosage: MedicationAdministration['dosage'], point: boolean): string {
  if (!dosage) return '';
  const snomed = dosage.route?.coding?.map((c) => (c.code ? SNOMED_ROUTES[c.code] : undefined)).find(Boolean);
  const route = snomed ?? conceptText(dosage.route);
  const method = conceptText(dosage.method).toLowerCase();
  // A bare IV route (SNOMED's, or a site's text such as `Intravenous`) takes the method's push or infusion; with
  // no method, a dose given at one moment (effectiveDateTime) was a push (EXPORTS.md B).
  if (route && readRoute(route) === 'iv') {
    // A pump the patient goes home on (RULES.md 3.8: 96416), not the infusion pump at the chair.
    if (/ambulatory|portable|home|cadd|elastomeric|infusor|disposable pump/.test(method)) return `${route} ambulatory pump`;
    if (/push|bolus/.test(method)) return `${route} push`;
    if (/infus|drip|piggyback/.test(method)) return `${route} infusion`;
    if (point && !method) return `${route} push`;
  }
  // A subcutaneous route with an infusion method is an SQ infusion (96369-96371), not an injection.
  if (route && readRoute(route) === 'sq' && /infus|pump/.test(method)) return `${route} infusion`;
  return route || method;
}

/** A resource index: `Type/id`, full URLs and contained `#id`s resolve to the parsed resource. */
class Index {
  private readonly byKey = new Map<string, unknown>();
  add(key: string | null | undefined, value: unknown): void {
    if (key && !this.byKey.has(key)) this.byKey.set(key, value);
  }
  get<T>(reference: string | undefined, contained?: Map<string, unknown>): T | undefined {
    if (!reference) return undefined;
    if (reference.startsWith('#')) return contained?.get(reference.slice(1)) as T | undefined;
    const hit = this.byKey.get(reference);
    if (hit !== undefined) return hit as T;
    const tail = /([A-Za-z]+\/[^/]+)$/.exec(reference); // an absolute URL ending in Type/id
    return tail ? (this.byKey.get(tail[1]) as T | undefined) : undefined;
  }
}

const refId = (reference: string | undefined) => (reference ? (reference.split('/').pop() ?? '') : '');

function encounterSetting(e: Encounter | undefined): Setting | null {
  if (!e) return null;
  if (e.class?.code && FACILITY_CLASSES.has(e.class.code.toUpperCase())) return 'facility';
  const texts: string[] = [];
  for (const c of [...(e.type ?? []), ...(e.serviceType ? [e.serviceType] : [])]) {
    texts.push(c.text ?? '');
    for (const code of c.coding ?? []) {
      texts.push(code.display ?? '');
      if (/place-?of-?service|\bpos\b/i.test(code.system ?? '')) texts.push(`POS ${code.code ?? ''}`);
    }
  }
  for (const t of texts) {
    const s = settingOfClass(t);
    if (s) return s;
  }
  return null;
}

/** Every usable MedicationAdministration as a coded-workbook row; the rest counted. */
export function fhirInput(resources: readonly ReadResource[], readProblems: readonly FhirProblem[] = []): FhirInput {
  const problems: FhirProblem[] = [...readProblems];
  const counts: FhirCounts = { administrations: 0, coded: 0, notCoded: new Map(), context: 0, otherTypes: new Map() };
  const index = new Index();
  const coverageByPatient = new Map<string, Coverage>();
  const administrations: { ma: MedicationAdministration; line: number | null }[] = [];
  const administrationById = new Map<string, { subject: string; index: number }[]>();

  const context: [string, { safeParse: (v: unknown) => { success: boolean; data?: unknown } }][] = [
    ['Patient', patientSchema], ['Encounter', encounterSchema], ['Medication', medicationSchema], ['Coverage', coverageSchema],
  ];
  for (const { resource, line, fullUrl } of resources) {
    const type = resource.resourceType;
    const where = `${type}/${resource.id ?? '(no id)'}${line !== null ? ` on line ${line}` : ''}`;
    if (type === 'MedicationAdministration') {
      counts.administrations++;
      const parsed = medicationAdministrationSchema.safeParse(resource);
      if (!parsed.success) {
        bump(counts.notCoded, 'unreadable');
        const issue = parsed.error.issues[0];
        problems.push({ line, message: `${where}: ${issue.path.join('.') || 'resource'}: ${issue.message}; not coded` });
      } else if (NOT_CODED.has(parsed.data.status)) bump(counts.notCoded, parsed.data.status);
      else {
        // One resource id is one administration: an export's pages that overlap, or two exports joined, list it
        // again. Coded once (the last copy, a later version of it), never billed twice.
        // The same id for another patient is another administration (ids from two systems joined): kept apart. A
        // subject written as a full URL or left out is the same patient.
        const id = parsed.data.id;
        const subject = patientKey(parsed.data.subject?.reference);
        const copies = id ? administrationById.get(id) : undefined;
        const earlier = copies?.find((c) => c.subject === subject || c.subject === '' || subject === '')?.index;
        if (earlier === undefined) {
          if (id) administrationById.set(id, [...(copies ?? []), { subject, index: administrations.length }]);
          administrations.push({ ma: parsed.data, line });
        } else {
          const before = administrations[earlier];
          const same = JSON.stringify(before.ma) === JSON.stringify(parsed.data);
          const at = (l: number | null) => (l !== null ? ` on line ${l}` : '');
          problems.push({
            line,
            message: same
              ? `${where} repeats the resource${at(before.line)}: coded once`
              : `${where} is a second version of the resource${at(before.line)}: the later one is coded`,
          });
          bump(counts.notCoded, 'duplicate');
          administrations[earlier] = { ma: parsed.data, line };
        }
      }
      continue;
    }
    const schema = context.find(([t]) => t === type)?.[1];
    if (!schema) {
      bump(counts.otherTypes, type);
      continue;
    }
    const parsed = schema.safeParse(resource);
    if (!parsed.success) {
      problems.push({ line, message: `${where} does not have the FHIR R4 shape; it was not used` });
      continue;
    }
    counts.context++;
    index.add(`${type}/${resource.id}`, parsed.data);
    index.add(fullUrl, parsed.data);
    if (type === 'Coverage') {
      const coverage = parsed.data as Coverage;
      if (coverage.status !== 'cancelled' && coverage.status !== 'entered-in-error' && coverage.beneficiary?.reference) {
        coverageByPatient.set(coverage.beneficiary.reference, coverage);
      }
    }
  }

  const values: CellValue[][] = [FHIR_COLUMNS.map(([h]) => h)];
  const rows: InputRow[] = [];
  const notes: SourceNote[] = [];
  const columns: Partial<Record<Field, string>> = {};
  for (const [h, f] of FHIR_COLUMNS) if (f) columns[f] = h;

  const bags = bagsOf(administrations.map((a) => a.ma));
  for (const { ma } of administrations) {
    const row = values.length + 1;
    const contained = new Map<string, unknown>();
    for (const c of ma.contained ?? []) if (c.id) contained.set(c.id, c);
    const findings: Finding[] = [];
    const finding = (id: Finding['id'], field: Field | null, column: string, message: string) =>
      findings.push({ id, severity: FINDING_SEVERITY[id], row, field, column, params: {}, message });

    // Medication: the concept itself, or the Medication it references (contained or in the export).
    let concept = ma.medicationCodeableConcept;
    let drug = conceptText(concept);
    if (!concept && ma.medicationReference) {
      const med = index.get<Medication>(ma.medicationReference.reference, contained);
      const parsedMed = med ? medicationSchema.safeParse(med) : null;
      concept = parsedMed?.success ? parsedMed.data.code : undefined;
      // A reference to a Medication the export does not hold is named as such, never read as no drug at all.
      drug = conceptText(concept) || ma.medicationReference.display || (ma.medicationReference.reference ? `${ma.medicationReference.reference} (not in the export)` : '');
    }
    // The NDC cell feeds the ndc field like a sheet's NDC column: the 5-4-2 form, or the code as exported when it is
    // not one, which the rules (and a crosswalk, for 10 ambiguous digits) then read and flag on this cell.
    const ndcCode = concept?.coding?.find((c) => c.system === NDC_SYSTEM && c.code)?.code;
    const ndcReading = ndcCode ? readNdc(ndcCode) : null;
    const ndc = ndcReading?.kind === 'ndc' ? ndcReading.ndc : (ndcCode ?? null);

    const patientRef = ma.subject?.reference;
    const patient = index.get<Patient>(patientRef);
    const encounter = index.get<Encounter>(ma.context?.reference);
    const coverage = patientRef ? coverageByPatient.get(patientRef) : undefined;
    // A time that is not ISO 8601 (`03/02/2026 16:00`) goes to the rules as written: read there, or flagged on its cell.
    const startText = ma.effectivePeriod?.start ?? ma.effectiveDateTime;
    const start = wallClock(startText) ?? startText ?? null;
    const stop = elapsedStop(startText, ma.effectivePeriod?.end, start, wallClock(ma.effectivePeriod?.end) ?? ma.effectivePeriod?.end ?? null);
    if (stop === null && ma.effectivePeriod && (ma.status === 'in-progress' || ma.status === 'on-hold')) {
      finding('missing-stop-time', 'stop', 'Stop', `The administration is ${ma.status} with no end time in the export: the infusion has no stop time.`);
    }
    // A segment `partOf` an earlier administration (a paused bag restarted) is that bag: one Bag value, and a dose
    // it only restates counts once (RULES.md 5.3: one administration).
    const bag = ma.id ? (bags.get(ma.id) ?? null) : null;
    const parent = bag !== null && bag !== ma.id ? administrations.find((a) => a.ma.id === bag)?.ma : undefined;
    const ownDose = quantityText(ma.dosage?.dose);
    const dose = parent && ownDose === quantityText(parent.dosage?.dose) ? '' : ownDose;
    const rate = rateText(ma.dosage);
    const diagnoses = (ma.reasonCode ?? []).flatMap((c) => (c.coding ?? []).filter((x) => x.system === ICD10CM_SYSTEM && x.code).map((x) => x.code!));
    const necessity = [...(ma.reasonCode ?? []).map((c) => c.text ?? ''), ...(ma.note ?? []).map((n) => n.text ?? '')]
      .map((t) => t.trim())
      .filter(Boolean);

    const setting = encounterSetting(encounter);
    const cells: Record<string, CellValue> = {
      'FHIR id': ma.id ?? null,
      Status: ma.status,
      Encounter: encounter?.identifier?.find((i) => i.value)?.value ?? encounter?.id ?? (refId(ma.context?.reference) || null),
      Patient: patient?.identifier?.find((i) => i.value)?.value ?? patient?.id ?? (refId(patientRef) || null),
      Setting: setting,
      Payer: coverage?.payor?.find((p) => p.display)?.display ?? null,
      Drug: drug || null,
      NDC: ndc,
      Dose: dose || null,
      // The rate in its own column, as a flat sheet holds it: a rate alone (a paused bag's later segment, `partOf`
      // the first) is then no dose of its own and joins its bag, and an open bag's stop can be computed.
      Rate: rate || null,
      Route: routeText(ma.dosage, !ma.effectivePeriod && Boolean(ma.effectiveDateTime)) || null,
      Start: start,
      Stop: stop,
      Site: conceptText(ma.dosage?.site) || null,
      Diagnosis: diagnoses.length ? diagnoses.join('; ') : null,
      Necessity: necessity.length ? necessity.join('. ') : null,
      Nurse: ma.performer?.find((p) => p.actor?.display)?.actor?.display ?? null,
      Bag: bag,
    };
    values.push(FHIR_COLUMNS.map(([h]) => cells[h] ?? null));
    const inputValues: Partial<Record<Field, CellValue>> = {};
    for (const [h, f] of FHIR_COLUMNS) if (f) inputValues[f] = cells[h] ?? null;
    rows.push({ row, values: inputValues, columns, sourceRows: [row] });
    notes.push({ row, role: 'opens', codesOn: row, findings, note: '', encounterValues: NO_VALUES });
    counts.coded++;
  }

  const headers = new Map<number, string>(FHIR_COLUMNS.map(([h], i) => [i + 1, h]));
  const mapping: Partial<Record<Field, number>> = {};
  FHIR_COLUMNS.forEach(([, f], i) => {
    if (f) mapping[f] = i + 1;
  });
  const dataRows = rows.map((r) => r.row);
  const table: DetectedTable = {
    headerRow: 1,
    headers,
    mapping,
    derivedColumns: new Map(),
    lastUserColumn: FHIR_COLUMNS.length,
    dataRows,
    lastRow: values.length,
  };
  const source: AdapterOutput = { kind: 'fhir', rows, notes, summary: summaryOf(counts, problems.length), tables: () => [] };
  return { grid: { values, firstRow: 1, firstColumn: 1 }, table, source, counts, problems };
}

/** `FHIR: 120 MedicationAdministration resources, 117 coded; not coded: 2 not-done, 1 entered-in-error; ...`. */
function summaryOf(c: FhirCounts, problems: number): string {
  const parts = [`FHIR: ${count(c.administrations)} MedicationAdministration resources, ${count(c.coded)} coded`];
  if (c.notCoded.size) parts.push(`not coded: ${[...c.notCoded].map(([k, n]) => `${count(n)} ${k}`).join(', ')}`);
  if (c.otherTypes.size) {
    const total = [...c.otherTypes.values()].reduce((a, b) => a + b, 0);
    parts.push(`${count(total)} other resources not used (${[...c.otherTypes].map(([k, n]) => `${count(n)} ${k}`).join(', ')})`);
  }
  if (problems) parts.push(`${count(problems)} ${problems === 1 ? 'problem' : 'problems'} (see the warnings)`);
  return parts.join('; ');
}

export { NDC_COLUMN };
