/**
 * zod schemas for the FHIR fields Infusion Coder reads (https://hl7.org/fhir/R4/medicationadministration.html
 * and the Patient, Encounter, Coverage and Medication resources it points to), with R5's spellings of them
 * beside R4's (https://hl7.org/fhir/R5/medicationadministration.html). Only the fields used are declared;
 * everything else in a resource is ignored. (@types/fhir installed here describes STU3, whose
 * MedicationAdministration differs from R4's, so the types come from these schemas.)
 */
import { z } from 'zod';

/**
 * A list, or the one item an export wrote without its list (`reasonCode: {...}`, R4's single Encounter.class
 * where R5 has a list): read as a list of one.
 */
const listOf = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined || v === null || Array.isArray(v) ? v : [v]), z.array(item));

const coding = z.object({
  system: z.string().optional(),
  code: z.string().optional(),
  display: z.string().optional(),
});
const codeableConcept = z.object({ coding: listOf(coding).optional(), text: z.string().optional() });
const identifier = z.object({ system: z.string().optional(), value: z.string().optional() });
/** A reference by `Type/id` (or URL), or by a business identifier alone (an MRN, a CSN: `{ identifier }`). */
const reference = z.object({ reference: z.string().optional(), display: z.string().optional(), identifier: identifier.optional() });
/** R5's CodeableReference: a concept, a reference to a resource, or both. */
const codeableReference = z.object({ concept: codeableConcept.optional(), reference: reference.optional() });
// Any JSON number, `1e400` (Infinity) too: the dose reader flags it on its cell; refusing it lost the administration.
const quantity = z.object({ value: z.custom<number>((v) => typeof v === 'number').optional(), unit: z.string().optional(), code: z.string().optional() });
const ratio = z.object({ numerator: quantity.optional(), denominator: quantity.optional() });
const period = z.object({ start: z.string().optional(), end: z.string().optional() });
/** R5's occurenceTiming: the times it was given (`event`), or the period that bounds them. */
const timing = z.object({ event: listOf(z.string()).optional(), repeat: z.object({ boundsPeriod: period.optional() }).optional() });

export type Coding = z.infer<typeof coding>;
export type Identifier = z.infer<typeof identifier>;
export type CodeableConcept = z.infer<typeof codeableConcept>;
export type Quantity = z.infer<typeof quantity>;
export type Reference = z.infer<typeof reference>;
export type Period = z.infer<typeof period>;
export type Timing = z.infer<typeof timing>;

/** One drug of a Medication (R4: item[x] and strength; R5: item, a CodeableReference, and strength[x]). */
const ingredient = z.object({
  itemCodeableConcept: codeableConcept.optional(),
  itemReference: reference.optional(),
  item: codeableReference.optional(),
  // R4: a boolean; R5: a concept (active, inactive, adjuvant). An inactive one is the vehicle, not a drug.
  isActive: z.union([z.boolean(), codeableConcept]).optional(),
  strength: ratio.optional(),
  strengthRatio: ratio.optional(),
  strengthQuantity: quantity.optional(),
});
export type Ingredient = z.infer<typeof ingredient>;

export const medicationSchema = z.object({
  resourceType: z.literal('Medication'),
  id: z.string().optional(),
  code: codeableConcept.optional(),
  /** The drugs of a mixture (several drugs in one bag), when the Medication lists them. */
  ingredient: listOf(ingredient).optional(),
});
export type Medication = z.infer<typeof medicationSchema>;

export const medicationAdministrationSchema = z.object({
  resourceType: z.literal('MedicationAdministration'),
  id: z.string().optional(),
  status: z.string(),
  contained: listOf(z.looseObject({ resourceType: z.string(), id: z.string().optional() })).optional(),
  medicationCodeableConcept: codeableConcept.optional(),
  medicationReference: reference.optional(),
  /** R5: the concept or the Medication, in one CodeableReference. */
  medication: codeableReference.optional(),
  partOf: listOf(reference).optional(),
  subject: reference.optional(),
  context: reference.optional(),
  /** R5's name for R4's context (some R4 exports use it too). */
  encounter: reference.optional(),
  effectiveDateTime: z.string().optional(),
  effectivePeriod: period.optional(),
  // R5's occurence[x] (the specification spells it with one r); two r's are read too.
  occurenceDateTime: z.string().optional(),
  occurencePeriod: period.optional(),
  occurenceTiming: timing.optional(),
  occurrenceDateTime: z.string().optional(),
  occurrencePeriod: period.optional(),
  occurrenceTiming: timing.optional(),
  // R4's actor is a Reference; R5's a CodeableReference (its reference holds the display).
  performer: listOf(z.object({ actor: z.object({ reference: z.union([z.string(), reference]).optional(), display: z.string().optional(), concept: codeableConcept.optional() }).optional() })).optional(),
  reasonCode: listOf(codeableConcept).optional(),
  /** R5's reasonCode: CodeableReferences, whose concepts are read as R4's reasonCode. */
  reason: listOf(codeableReference).optional(),
  note: listOf(z.object({ text: z.string().optional() })).optional(),
  dosage: z
    .object({
      text: z.string().optional(),
      site: codeableConcept.optional(),
      route: codeableConcept.optional(),
      method: codeableConcept.optional(),
      dose: quantity.optional(),
      rateQuantity: quantity.optional(),
      rateRatio: ratio.optional(),
    })
    .optional(),
});
export type MedicationAdministration = z.infer<typeof medicationAdministrationSchema>;

export const patientSchema = z.object({
  resourceType: z.literal('Patient'),
  id: z.string().optional(),
  identifier: listOf(identifier).optional(),
});
export type Patient = z.infer<typeof patientSchema>;

export const encounterSchema = z.object({
  resourceType: z.literal('Encounter'),
  id: z.string().optional(),
  identifier: listOf(identifier).optional(),
  // R4: one Coding; R5: a list of CodeableConcepts. Each item is read as either.
  class: listOf(coding.extend(codeableConcept.shape)).optional(),
  type: listOf(codeableConcept).optional(),
  // R4: one CodeableConcept; R5: a list of CodeableReferences (the concept inside).
  serviceType: listOf(codeableConcept.extend({ concept: codeableConcept.optional() })).optional(),
  location: listOf(z.object({ location: reference.optional() })).optional(),
});
export type Encounter = z.infer<typeof encounterSchema>;

export const coverageSchema = z.object({
  resourceType: z.literal('Coverage'),
  id: z.string().optional(),
  status: z.string().optional(),
  beneficiary: reference.optional(),
  payor: listOf(reference).optional(),
  /** R5 names the payer `insurer` (R4's payor is gone). */
  insurer: reference.optional(),
});
export type Coverage = z.infer<typeof coverageSchema>;

/** Any resource: its type and id, for counting and references. */
export const anyResourceSchema = z.looseObject({
  resourceType: z.string().min(1),
  // An id that is not text (null, a number) is no id: the resource is still read.
  id: z.string().optional().catch(undefined),
});
export type AnyResource = z.infer<typeof anyResourceSchema>;

export const bundleSchema = z.object({
  resourceType: z.literal('Bundle'),
  // Checked entry by entry (bundleEntrySchema): one bad entry is a problem on its own, the others are read.
  entry: z.unknown().optional(),
});

/** One entry of a Bundle: a resource and its full URL (any other fullUrl is none). */
export const bundleEntrySchema = z.looseObject({ fullUrl: z.string().optional().catch(undefined), resource: z.unknown().optional() });
