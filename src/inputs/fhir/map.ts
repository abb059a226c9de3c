/**
 * FHIR MedicationAdministration resources (R4, and R5's spellings of the same fields) to administration rows
 * (EXPORTS.md B): one row per usable administration, with its FHIR id and the input fields, as a grid the writers
 * put beside the IC columns. Patient, Encounter, Coverage and Medication come from the same export (bundled,
 * contained or referenced).
 */
import { wallClock } from '../wallClock';
export { wallClock } from '../wallClock';
import type { z } from 'zod';
import { FINDING_SEVERITY } from '../../rules/findings';
import type { CellValue, Field, Finding, InputRow, Setting } from '../../rules/types';
import { readNdc } from '../../rules/values/ndc';
import { plainNumber } from '../../rules/values/exponent';
import { readRoute } from '../../rules/vocabulary';
import type { DetectedTable, Grid } from '../../sheet/types';
import { settingOfClass } from '../setting';
import { count, type AdapterOutput, type SourceNote } from '../types';
import { readLeniently } from './lenient';
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
  type Identifier,
  type Ingredient,
  type Medication,
  type MedicationAdministration,
  type Patient,
  type Period,
  type Quantity,
  type Reference,
} from './schemas';

/** A FHIR row's encounter comes from its resource, never from these (shared, never mutated). */
const NO_VALUES: SourceNote['encounterValues'] = Object.freeze({});

export const NDC_SYSTEM = 'http://hl7.org/fhir/sid/ndc';
const ICD10CM_SYSTEM = 'http://hl7.org/fhir/sid/icd-10-cm';
/** Drug code systems (by URI or OID) by the name a drug sent only as a code is given: `RxNorm 1719`. */
const DRUG_CODE_SYSTEMS = new Map(Object.entries({
  [NDC_SYSTEM]: 'NDC',
  'urn:oid:2.16.840.1.113883.6.69': 'NDC',
  'http://www.nlm.nih.gov/research/umls/rxnorm': 'RxNorm',
  'urn:oid:2.16.840.1.113883.6.88': 'RxNorm',
  'http://snomed.info/sct': 'SNOMED',
}));
/** SNOMED CT route codes to the words the rules read (vocabulary.ts readRoute). */
const SNOMED_ROUTES = new Map(Object.entries({
  '47625008': 'IV', '78421000': 'IM', '34206005': 'SC', '72607000': 'intrathecal', '58100008': 'intra-arterial',
  '38239002': 'intraperitoneal', '404820008': 'epidural', '12130007': 'intra-articular', '372464004': 'intradermal',
  '26643006': 'oral', '37839007': 'sublingual', '37161004': 'rectal', '46713006': 'nasal', '6064005': 'topical',
  '45890007': 'transdermal', '54485002': 'ophthalmic', '10547007': 'otic', '16857009': 'vaginal',
  // Inhalation: the UK extension's code, as exports often write it cut to 8 digits, and the international one.
  '18679011000001101': 'inhalation', '18679011': 'inhalation', '447694001': 'inhalation',
}));
/** HL7 v3 RouteOfAdministration codes to the same words. */
const V3_ROUTES = new Map(Object.entries({
  IVINJ: 'IV push', IVINJBOL: 'IV push', IVPUSH: 'IV push', IVRPUSH: 'IV push', IVSPUSH: 'IV push',
  // v3 defines IV as an intravenous infusion, but exports write it for any IV dose: the method and times decide.
  IV: 'IV',
  IVC: 'IV infusion', IVCC: 'IV infusion', IVCI: 'IV infusion', IVINFUS: 'IV infusion', IVASCINFUS: 'IV infusion',
  IVFLUSH: 'IV flush',
  IM: 'IM', IMD: 'IM', IMZ: 'IM',
  SQ: 'SC', SC: 'SC', SQINFUS: 'SC infusion',
  IT: 'intrathecal', ITINJ: 'intrathecal',
  IA: 'intra-arterial', IAINJ: 'intra-arterial', IAINJP: 'intra-arterial', IAINJSP: 'intra-arterial',
  IPINJ: 'intraperitoneal', IPLRINJ: 'intrapleural', EPI: 'epidural', EPIDURINJ: 'epidural', IDINJ: 'intradermal',
  PO: 'oral', SL: 'sublingual', PR: 'rectal', NEB: 'nebulized', IPINHL: 'inhalation', ORIFINHL: 'inhalation',
  NASINHL: 'nasal', TRNSDERM: 'transdermal',
}));
const ROUTE_SYSTEMS = new Map(Object.entries({
  'http://snomed.info/sct': SNOMED_ROUTES,
  'http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration': V3_ROUTES,
  'http://hl7.org/fhir/v3/RouteOfAdministration': V3_ROUTES, // STU3's URI
  'urn:oid:2.16.840.1.113883.5.112': V3_ROUTES,
}));
/** Encounter.class codes (v3 ActCode) billed as a facility: emergency, observation, inpatient, short stay. */
const FACILITY_CLASSES = new Set(['EMER', 'OBSENC', 'IMP', 'ACUTE', 'SS', 'NONAC', 'PRENC']);
/** The statuses whose administrations are not coded (EXPORTS.md B). */
const NOT_CODED = new Set(['not-done', 'entered-in-error']);
/** MedicationAdministration.status codes of R4 and R5, by their letters (`NOT-DONE`, `not_done`, `Entered in Error`). */
const STATUSES = new Map(['in-progress', 'not-done', 'on-hold', 'completed', 'entered-in-error', 'stopped', 'unknown'].map((c) => [c.replace(/-/g, ''), c]));

/**
 * The status code a status names, whatever its case or separators, or null for a word that is none. Compared as
 * written, `NOT-DONE` or `Entered in Error` was not one of the statuses not coded, and the dose that was never given
 * (or charted in error) was billed without a word.
 */
function statusCode(status: string): string | null {
  return STATUSES.get(status.toLowerCase().replace(/[^a-z]/g, '')) ?? null;
}

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
  /** Not coded, by status (not-done, entered-in-error), `duplicate` (an earlier copy of a later one) or `unreadable`. */
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
  /** Resources or fields that could not be read, copies of one administration, and read problems passed in. */
  problems: FhirProblem[];
}

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

/**
 * Per administration id, the id of the bag it belongs to when `partOf` links it to another administration of the
 * export (followed to the first, whatever the order): a segment and the administration it continues share one.
 */
function bagsOf(list: readonly MedicationAdministration[], references: References): Map<string, string> {
  const byId = new Map<string, MedicationAdministration>();
  for (const ma of list) if (ma.id) byId.set(ma.id, ma);
  const parentOf = (ma: MedicationAdministration): string | null => {
    for (const p of ma.partOf ?? []) {
      const parent = references.get('MedicationAdministration', p.reference)?.id;
      if (parent !== undefined && byId.has(parent) && parent !== ma.id) return parent;
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

/**
 * The words of a route code (SNOMED CT, HL7 v3 RouteOfAdministration), else the route's text. A code of another
 * system is no route code, except a SNOMED number (some exports leave the system out or misspell it).
 */
function routeWords(route: CodeableConcept | undefined): string {
  for (const c of route?.coding ?? []) {
    const code = c.code?.trim() ?? '';
    const table = c.system ? ROUTE_SYSTEMS.get(c.system) : undefined;
    const words = table ? table.get(code) : (SNOMED_ROUTES.get(code) ?? (c.system ? undefined : V3_ROUTES.get(code)));
    if (words) return words;
  }
  return conceptText(route);
}

/** The route (a code's words, or its text) with the method's push/infusion: `IV push`, `IV infusion`. */
function routeText(dosage: MedicationAdministration['dosage'], point: boolean): string {
  if (!dosage) return '';
  const route = routeWords(dosage.route);
  const method = conceptText(dosage.method).toLowerCase();
  // A bare IV route (SNOMED's, or a site's text such as `Intravenous`) takes the method's push or infusion; with
  // no method, a dose given at one moment (effectiveDateTime, R5's occurenceDateTime) was a push (EXPORTS.md B).
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

type Context = Patient | Encounter | Medication | Coverage;
/** The resources read for context, by type (their schemas). */
const CONTEXT_SCHEMAS = new Map<string, z.ZodType<Context>>([
  ['Patient', patientSchema], ['Encounter', encounterSchema], ['Medication', medicationSchema], ['Coverage', coverageSchema],
]);
interface Resources {
  Patient: Patient;
  Encounter: Encounter;
  Medication: Medication;
  Coverage: Coverage;
  MedicationAdministration: MedicationAdministration;
}

/** An identifier's key for its type; a null system is any system. */
const identifierKey = (type: string, system: string | null, value: string) => `${type}\u0000${system ?? '\u0001'}\u0000${value}`;

/**
 * The export's resources by every way a reference names one: `Type/id`, an absolute URL ending in it (a version,
 * `/_history/2`, ignored), a Bundle entry's fullUrl (`urn:uuid:...`), or `#id` for a resource's contained ones.
 * Every reference (subject, context, medication, partOf, beneficiary) resolves so, to a resource of the type it
 * names; a subject, context or beneficiary given only by an identifier resolves to the Patient or Encounter with it.
 */
class References {
  private readonly byKey = new Map<string, { resourceType: string; id?: string }>();
  add(resource: { resourceType: string; id?: string; identifier?: Identifier[] }, fullUrl: string | null): void {
    const keys = [resource.id ? `${resource.resourceType}/${resource.id}` : null, fullUrl];
    for (const { system, value } of resource.identifier ?? []) {
      // Under its system and under any: an identifier written without a system is matched by its value.
      if (value) keys.push(identifierKey(resource.resourceType, system ?? '', value), identifierKey(resource.resourceType, null, value));
    }
    for (const key of keys) {
      if (key && !this.byKey.has(key)) this.byKey.set(key, resource);
    }
  }
  get<K extends keyof Resources>(type: K, reference: string | undefined, contained?: ReadonlyMap<string, unknown>): Resources[K] | undefined {
    if (!reference) return undefined;
    const hit = reference.startsWith('#') ? readContained(contained?.get(reference.slice(1))) : this.find(reference);
    return hit?.resourceType === type ? (hit as Resources[K]) : undefined;
  }
  /** The resource a reference names by `reference`, else by its identifier (same system and value; a missing system matches any). */
  resolve<K extends 'Patient' | 'Encounter'>(type: K, ref: Reference | undefined, contained?: ReadonlyMap<string, unknown>): Resources[K] | undefined {
    const byReference = this.get(type, ref?.reference, contained);
    const value = ref?.identifier?.value;
    if (byReference || !value) return byReference;
    const system = ref.identifier?.system;
    const hit = this.byKey.get(identifierKey(type, system ?? null, value)) ?? (system ? this.byKey.get(identifierKey(type, '', value)) : undefined);
    return hit?.resourceType === type ? (hit as Resources[K]) : undefined;
  }
  private find(reference: string) {
    const exact = this.byKey.get(reference);
    if (exact) return exact;
    const tail = /([A-Za-z]+\/[^/]+)(?:\/_history\/[^/]+)?$/.exec(reference);
    return tail ? this.byKey.get(tail[1]) : undefined;
  }
}

/** A contained resource, read by its type's schema when it is one read for context. */
function readContained(value: unknown): Context | undefined {
  const type = (value as { resourceType?: unknown } | undefined)?.resourceType;
  const schema = typeof type === 'string' ? CONTEXT_SCHEMAS.get(type) : undefined;
  const read = schema ? readLeniently(schema, value) : null;
  return read?.ok ? read.data : undefined;
}

const refId = (reference: string | undefined) => (reference ? (reference.split('/').pop() ?? '') : '');

/**
 * The patient or encounter cell: the resource's first identifier, else its id; without the resource, what the
 * reference names (its id, or the value of the identifier it was given by).
 */
function keyOf(resource: Patient | Encounter | undefined, ref: Reference | undefined): string | null {
  return resource?.identifier?.find((i) => i.value)?.value ?? resource?.id ?? (refId(ref?.reference) || ref?.identifier?.value || null);
}

/** `RxNorm 1719`, `NDC 00409-4888-02` (an NDC in its 5-4-2 form): a drug's first code, for a drug sent with no name. */
function codeName(concept: CodeableConcept | undefined): string {
  const coding = concept?.coding?.find((c) => c.code?.trim());
  if (!coding?.code) return '';
  const system = DRUG_CODE_SYSTEMS.get(coding.system ?? '') ?? 'code';
  const ndc = system === 'NDC' ? readNdc(coding.code) : null;
  return `${system} ${ndc?.kind === 'ndc' ? ndc.ndc : coding.code.trim()}`;
}

interface Drug {
  concept: CodeableConcept | undefined;
  /** The Drug cell. */
  name: string;
  /** The code the drug is named by when the export gives it no name (`RxNorm 1719`), else null. */
  onlyCode: string | null;
  /** A mixture's drugs named without their amounts (`dexamethasone + ondansetron`), else null. */
  names: string | null;
}

/**
 * The drug: the administration's own concept (R4 medicationCodeableConcept, R5 medication.concept), or the
 * Medication it references (R4 medicationReference, R5 medication.reference), contained or in the export. Named by
 * its ingredients (a mixture), its text, a coding's display or the reference's display; else by its code, so two
 * drugs sent only as codes stay two drugs (a second drug's push is 96375, not a repeat of the first).
 */
function drugOf(ma: MedicationAdministration, references: References, contained: ReadonlyMap<string, unknown>): Drug {
  const reference = ma.medicationReference ?? ma.medication?.reference;
  const own = ma.medicationCodeableConcept ?? ma.medication?.concept;
  const held = !own && reference?.reference ? references.get('Medication', reference.reference, contained) : undefined;
  const concept = own ?? held?.code;
  const doseInMl = /^ml$/i.test((ma.dosage?.dose?.unit ?? ma.dosage?.dose?.code ?? '').trim());
  const mixture = held ? mixtureOf(held, references, contained, doseInMl) : null;
  if (mixture) return { concept, name: mixture.text, onlyCode: null, names: mixture.names };
  const name = conceptText(concept) || reference?.display?.trim() || '';
  if (name) return { concept, name, onlyCode: null, names: null };
  const code = codeName(concept);
  if (code) return { concept, name: code, onlyCode: code, names: null };
  // A reference to a Medication the export does not hold is named as such, never read as no drug at all.
  const notHeld = !own && !held ? reference?.reference : undefined;
  return { concept, name: notHeld ? `${notHeld} (not in the export)` : '', onlyCode: null, names: null };
}

/**
 * A Medication's active ingredients as a flat sheet writes a mixture (RULES.md 2: `dexamethasone 10 mg +
 * ondansetron 8 mg`, each drug its own HCPCS line): each named by its concept or the Medication it references,
 * with its strength's numerator when it gives one. Null when it lists none: the Medication's code names it.
 */
function mixtureOf(med: Medication, references: References, contained: ReadonlyMap<string, unknown>, doseInMl = false): { text: string; names: string } | null {
  // A bag names a few drugs: a list of thousands (a formulary, not a bag) is not copied into every administration.
  const drugs = (med.ingredient ?? []).slice(0, MAX_INGREDIENTS).filter(isActive).flatMap((i) => {
    const reference = i.itemReference ?? i.item?.reference;
    const concept = i.itemCodeableConcept ?? i.item?.concept ?? references.get('Medication', reference?.reference, contained)?.code;
    const name = conceptText(concept) || reference?.display?.trim() || codeName(concept);
    // A strength per millilitre (`0.2 mg/1 mL`) is a concentration, not the amount given: the name alone. Per the
    // bag's volume (`10 mg/50 mL`) it is the amount in the bag.
    const ratio = i.strength ?? i.strengthRatio;
    const perMl = ratio?.denominator?.value === 1 && /^(?:ml|l)$/i.test((ratio.denominator.unit ?? ratio.denominator.code ?? '').trim());
    const amount = quantityText(ratio ? (perMl ? undefined : ratio.numerator) : i.strengthQuantity);
    // A dose charted in mL is read at the strength, as a flat sheet reads `vancomycin 1000 mg/200 mL` dosed `200 mL`:
    // the drug's own amount (the rules' billing unit) is the volume given times the strength.
    const inMl = ratio?.denominator?.value !== undefined && /^ml$/i.test((ratio.denominator.unit ?? ratio.denominator.code ?? '').trim());
    const strength = inMl && quantityText(ratio!.numerator) ? `${quantityText(ratio!.numerator)}/${perMl ? '' : `${ratio!.denominator!.value} `}mL` : '';
    return name ? [{ name, text: amount ? `${name} ${amount}` : name, strength: strength ? `${name} ${strength}` : '' }] : [];
  });
  if (drugs.length === 0) return null;
  if (doseInMl && drugs.length === 1 && drugs[0].strength) return { text: drugs[0].strength, names: drugs[0].name };
  return { text: drugs.map((d) => d.text).join(' + '), names: drugs.map((d) => d.name).join(' + ') };
}

const MAX_INGREDIENTS = 20;

/** R4's isActive false, or R5's `inactive` concept: the vehicle (the diluent), not a drug. */
function isActive(i: Ingredient): boolean {
  if (typeof i.isActive === 'boolean') return i.isActive;
  return !(i.isActive?.coding ?? []).some((c) => c.code === 'inactive') && i.isActive?.text?.trim().toLowerCase() !== 'inactive';
}

/**
 * When it was given: R4's effective[x], or R5's occurence[x] (either spelling). A period, or one moment (a push or
 * an injection); a Timing is its bounds, or its events (one is a moment, several span the first to the last).
 */
function timesOf(ma: MedicationAdministration): { period: Period | undefined; at: string | undefined } {
  const timing = ma.occurenceTiming ?? ma.occurrenceTiming;
  const events = [...(timing?.event ?? [])].sort();
  const span = events.length > 1 ? { start: events[0], end: events[events.length - 1] } : undefined;
  return {
    period: ma.effectivePeriod ?? ma.occurencePeriod ?? ma.occurrencePeriod ?? timing?.repeat?.boundsPeriod ?? span,
    at: ma.effectiveDateTime ?? ma.occurenceDateTime ?? ma.occurrenceDateTime ?? (events.length === 1 ? events[0] : undefined),
  };
}

/** The performer's name: R4's actor.display, R5's actor.reference.display, or the actor's concept. */
function performerName(ma: MedicationAdministration): string | null {
  for (const { actor } of ma.performer ?? []) {
    const name = actor?.display ?? (typeof actor?.reference === 'object' ? actor.reference.display : undefined) ?? conceptText(actor?.concept);
    if (name) return name;
  }
  return null;
}

function encounterSetting(e: Encounter | undefined): Setting | null {
  if (!e) return null;
  // R4's class is one Coding, R5's CodeableConcepts: each code counts.
  const classCodes = (e.class ?? []).flatMap((c) => [c.code, ...(c.coding ?? []).map((x) => x.code)]);
  if (classCodes.some((code) => code && FACILITY_CLASSES.has(code.toUpperCase()))) return 'facility';
  const texts: string[] = [];
  for (const c of [...(e.type ?? []), ...(e.serviceType ?? []).map((s) => s.concept ?? s)]) {
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

/** An administration's contained resources by id (`#id` references). */
function containedOf(ma: MedicationAdministration): Map<string, unknown> {
  const contained = new Map<string, unknown>();
  for (const c of ma.contained ?? []) if (c.id) contained.set(c.id, c);
  return contained;
}

/** A MedicationAdministration as read, and where: its line (NDJSON) and Bundle fullUrl. */
interface Administration {
  ma: MedicationAdministration;
  line: number | null;
  fullUrl: string | null;
}

/** `MedicationAdministration/a1 on line 3`, for problems. */
function resourceName(type: string, id: string | undefined, line: number | null): string {
  return `${type}/${id ?? '(no id)'}${line !== null ? ` on line ${line}` : ''}`;
}

/** The problem a second copy of an administration is: the later copy wins (a later version), coded or not. */
function duplicateProblem(before: Administration, later: Administration): FhirProblem {
  const where = resourceName('MedicationAdministration', later.ma.id, later.line);
  const at = before.line !== null ? ` on line ${before.line}` : '';
  const coded = !NOT_CODED.has(later.ma.status);
  if (JSON.stringify(before.ma) === JSON.stringify(later.ma)) {
    return { line: later.line, message: `${where} repeats the resource${at}: ${coded ? 'coded once' : `not coded (${later.ma.status})`}` };
  }
  const outcome = coded ? 'the later one is coded' : `the later one is ${later.ma.status}, so it is not coded`;
  return { line: later.line, message: `${where} is a second version of the resource${at}: ${outcome}` };
}

/** Every usable MedicationAdministration as a coded-workbook row; the rest counted. */
export function fhirInput(resources: readonly ReadResource[], readProblems: readonly FhirProblem[] = []): FhirInput {
  const problems: FhirProblem[] = [...readProblems];
  const counts: FhirCounts = { administrations: 0, coded: 0, notCoded: new Map(), context: 0, otherTypes: new Map() };
  const references = new References();
  const coverages: Coverage[] = [];
  const read: Administration[] = [];

  // Read first, then resolve: a reference may name a resource further on (NDJSON files come in any order).
  for (const { resource, line, fullUrl } of resources) {
    const type = resource.resourceType;
    const where = resourceName(type, resource.id, line);
    const unread = (fields: string[]) => {
      for (const field of fields) problems.push({ line, message: `${where}: ${field} could not be read; the rest was read` });
    };
    if (type === 'MedicationAdministration') {
      counts.administrations++;
      const parsed = readLeniently(medicationAdministrationSchema, resource);
      if (!parsed.ok) {
        bump(counts.notCoded, 'unreadable');
        problems.push({ line, message: `${where}: ${parsed.problem}; not coded` });
        continue;
      }
      unread(parsed.unread);
      const status = statusCode(parsed.data.status);
      if (status === null) {
        problems.push({ line, message: `${where}: status '${parsed.data.status}' is not a MedicationAdministration status (completed, stopped, in-progress, on-hold, not-done, entered-in-error); it was coded as given: check it` });
      }
      read.push({ ma: status !== null && status !== parsed.data.status ? { ...parsed.data, status } : parsed.data, line, fullUrl });
      continue;
    }
    const schema = CONTEXT_SCHEMAS.get(type);
    if (!schema) {
      bump(counts.otherTypes, type);
      continue;
    }
    const parsed = readLeniently(schema, resource);
    if (!parsed.ok) {
      problems.push({ line, message: `${where}: ${parsed.problem}; it was not used` });
      continue;
    }
    unread(parsed.unread);
    counts.context++;
    references.add(parsed.data, fullUrl);
    if (parsed.data.resourceType === 'Coverage') coverages.push(parsed.data);
  }

  // One key per patient however a reference names them (`Patient/p1`, a full URL, its entry's urn:uuid, an MRN
  // identifier): copies of an administration and Coverage beneficiaries are compared by it.
  const patientOf = (ref: Reference | undefined): string => {
    const patient = references.resolve('Patient', ref);
    if (patient?.id) return `Patient/${patient.id}`;
    const { system, value } = ref?.identifier ?? {};
    return ref?.reference || !value ? patientKey(ref?.reference) : `Patient?identifier=${system ?? ''}|${value}`;
  };
  // One resource id is one administration: an export's pages that overlap, or two exports joined, list it again.
  // The later copy (a later version) wins whatever its status, so a later entered-in-error cancels a completed one.
  // The same id for another patient is another administration (ids from two systems joined): kept apart. A
  // subject written as a full URL or left out is the same patient.
  const latest: Administration[] = [];
  const copiesById = new Map<string, { subject: string; index: number }[]>();
  for (const a of read) {
    const id = a.ma.id;
    const subject = patientOf(a.ma.subject);
    const copies = id ? copiesById.get(id) : undefined;
    const earlier = copies?.find((c) => c.subject === subject || c.subject === '' || subject === '')?.index;
    if (earlier === undefined) {
      if (id) copiesById.set(id, [...(copies ?? []), { subject, index: latest.length }]);
      latest.push(a);
      continue;
    }
    problems.push(duplicateProblem(latest[earlier], a));
    bump(counts.notCoded, 'duplicate');
    latest[earlier] = a;
  }
  const administrations = latest.filter(({ ma }) => {
    if (!NOT_CODED.has(ma.status)) return true;
    bump(counts.notCoded, ma.status);
    return false;
  });
  for (const a of administrations) references.add(a.ma, a.fullUrl);
  const coverageByPatient = new Map<string, Coverage>();
  for (const coverage of coverages) {
    const beneficiary = patientOf(coverage.beneficiary);
    if (coverage.status !== 'cancelled' && coverage.status !== 'entered-in-error' && beneficiary) coverageByPatient.set(beneficiary, coverage);
  }

  const values: CellValue[][] = [FHIR_COLUMNS.map(([h]) => h)];
  const rows: InputRow[] = [];
  const notes: SourceNote[] = [];
  const columns: Partial<Record<Field, string>> = {};
  for (const [h, f] of FHIR_COLUMNS) if (f) columns[f] = h;

  const bags = bagsOf(administrations.map((a) => a.ma), references);
  // Each bag found by its id (a search per segment grew with the square of the file).
  const byId = new Map<string, (typeof administrations)[number]>();
  for (const a of administrations) if (a.ma.id && !byId.has(a.ma.id)) byId.set(a.ma.id, a);
  // Each bag's later segments (`partOf` it), so an in-progress first segment takes its end from them.
  const segmentsOf = new Map<string, MedicationAdministration[]>();
  for (const { ma } of administrations) {
    const root = ma.id ? bags.get(ma.id) : undefined;
    if (root === undefined || root === ma.id) continue;
    const list = segmentsOf.get(root);
    if (list) list.push(ma);
    else segmentsOf.set(root, [ma]);
  }
  for (const { ma } of administrations) {
    const row = values.length + 1;
    const contained = containedOf(ma);
    const findings: Finding[] = [];
    const finding = (id: Finding['id'], field: Field | null, column: string, message: string) =>
      findings.push({ id, severity: FINDING_SEVERITY[id], row, field, column, params: {}, message });

    // A segment `partOf` an earlier administration (a paused bag restarted) is that bag: one Bag value, and a dose
    // it only restates counts once (RULES.md 5.3: one administration).
    const bag = ma.id ? (bags.get(ma.id) ?? null) : null;
    const parent = bag !== null && bag !== ma.id ? byId.get(bag)?.ma : undefined;
    const drug = drugOf(ma, references, contained);
    // So do the amounts in its bag's mixture: restated, its drugs are named alone.
    const restated = parent !== undefined && drug.names !== null && drugOf(parent, references, containedOf(parent)).name === drug.name;
    // Said in the export's terms, in place of the rules' unknown-drug on the code used as its name.
    if (drug.onlyCode) {
      finding('unknown-drug', 'drug', 'Drug', `The export gives no name for this drug, only its code ${drug.onlyCode}: check the drug; a code your drug map or NDC crosswalk does not list gets no HCPCS line.`);
    }
    // The NDC cell feeds the ndc field like a sheet's NDC column: the 5-4-2 form, or the code as exported when it is
    // not one, which the rules (and a crosswalk, for 10 ambiguous digits) then read and flag on this cell.
    const ndcCode = drug.concept?.coding?.find((c) => DRUG_CODE_SYSTEMS.get(c.system ?? '') === 'NDC' && c.code)?.code;
    const ndcReading = ndcCode ? readNdc(ndcCode) : null;
    const ndc = ndcReading?.kind === 'ndc' ? ndcReading.ndc : (ndcCode ?? null);

    // A contained Patient or Encounter (`#enc`) is read for its identifier: the `#id` is local to this resource, so
    // two administrations each containing an `#enc` of their own are two encounters, never one named `#enc`.
    const patient = references.resolve('Patient', ma.subject, contained);
    const encounterRef = ma.context ?? ma.encounter;
    const encounter = references.resolve('Encounter', encounterRef, contained);
    const subject = patientOf(ma.subject);
    const coverage = subject ? coverageByPatient.get(subject) : undefined;
    // A time that is not ISO 8601 (`03/02/2026 16:00`) goes to the rules as written: read there, or flagged on its cell.
    const { period, at } = timesOf(ma);
    const startText = period?.start ?? at;
    const start = wallClock(startText) ?? startText ?? null;
    const endText = period?.end ?? completedBy(ma, period, ma.id ? segmentsOf.get(ma.id) : undefined);
    const stop = elapsedStop(startText, endText, start, wallClock(endText) ?? endText ?? null);
    if (stop === null && period && (ma.status === 'in-progress' || ma.status === 'on-hold')) {
      finding('missing-stop-time', 'stop', 'Stop', `The administration is ${ma.status} with no end time in the export: the infusion has no stop time.`);
    }
    const ownDose = quantityText(ma.dosage?.dose);
    const dose = parent && ownDose === quantityText(parent.dosage?.dose) ? '' : ownDose;
    const rate = rateText(ma.dosage);
    // R5's reason holds R4's reasonCode as concepts.
    const reasons = [...(ma.reasonCode ?? []), ...(ma.reason ?? []).flatMap((r) => (r.concept ? [r.concept] : []))];
    const diagnoses = reasons.flatMap((c) => (c.coding ?? []).filter((x) => x.system === ICD10CM_SYSTEM && x.code).map((x) => x.code!));
    const necessity = [...reasons.map((c) => c.text ?? ''), ...(ma.note ?? []).map((n) => n.text ?? '')]
      .map((t) => t.trim())
      .filter(Boolean);

    const setting = encounterSetting(encounter);
    const cells: Record<string, CellValue> = {
      'FHIR id': ma.id ?? null,
      Status: ma.status,
      Encounter: keyOf(encounter, encounterRef),
      Patient: keyOf(patient, ma.subject),
      Setting: setting,
      Payer: coverage?.payor?.find((p) => p.display)?.display ?? coverage?.insurer?.display ?? null,
      Drug: (restated ? drug.names : drug.name) || null,
      NDC: ndc,
      Dose: dose || null,
      // The rate in its own column, as a flat sheet holds it: a rate alone (a paused bag's later segment, `partOf`
      // the first) is then no dose of its own and joins its bag, and an open bag's stop can be computed.
      Rate: rate || null,
      Route: routeText(ma.dosage, !period && Boolean(at)) || null,
      Start: start,
      Stop: stop,
      Site: conceptText(ma.dosage?.site) || null,
      Diagnosis: diagnoses.length ? diagnoses.join('; ') : null,
      Necessity: necessity.length ? necessity.join('. ') : null,
      Nurse: performerName(ma),
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

/**
 * The end of an in-progress (or on-hold) first segment of a bag, read from the segments `partOf` it: the bag ran
 * until the next segment began (that segment's own minutes are its own), or, when a segment restates the bag from
 * its start, until that segment's end. The export was written while the first was running and the later ones
 * complete it, so it is no open bag (no missing-stop-time). Undefined when no segment gives a readable time.
 */
function completedBy(ma: MedicationAdministration, period: Period | undefined, segments: readonly MedicationAdministration[] | undefined): string | undefined {
  if (!segments || !period?.start || (ma.status !== 'in-progress' && ma.status !== 'on-hold')) return undefined;
  const from = instant(period.start);
  if (from === null) return undefined;
  let next: { at: number; text: string } | null = null;
  let restated: { at: number; text: string } | null = null;
  for (const s of segments) {
    const times = timesOf(s);
    const segStart = times.period?.start ?? times.at;
    const at = instant(segStart);
    if (at === null || at < from) continue;
    if (at > from) {
      if (!next || at < next.at) next = { at, text: segStart! };
    } else {
      const end = instant(times.period?.end);
      if (end !== null && end > from && (!restated || end > restated.at)) restated = { at: end, text: times.period!.end! };
    }
  }
  return (next ?? restated)?.text;
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
