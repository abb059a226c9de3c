/**
 * zod schemas for the FHIR R4 fields Infusion Coder reads (https://hl7.org/fhir/R4/medicationadministration.html
 * and the Patient, Encounter, Coverage and Medication resources it points to). Only the fields used are
 * declared; everything else in a resource is ignored. (@types/fhir installed here describes STU3, whose
 * MedicationAdministration differs from R4's, so the types come from these schemas.)
 */
import { z } from 'zod';

const coding = z.object({
  system: z.string().optional(),
  code: z.string().optional(),
  display: z.string().optional(),
});
const codeableConcept = z.object({ coding: z.array(coding).optional(), text: z.string().optional() });
const reference = z.object({ reference: z.string().optional(), display: z.string().optional() });
const identifier = z.object({ system: z.string().optional(), value: z.string().optional() });
// Any JSON number, `1e400` (Infinity) too: the dose reader flags it on its cell; refusing it lost the administration.
const quantity = z.object({ value: z.custom<number>((v) => typeof v === 'number').optional(), unit: z.string().optional(), code: z.string().optional() });

export type Coding = z.infer<typeof coding>;
export type CodeableConcept = z.infer<typeof codeableConcept>;
export type Quantity = z.infer<typeof quantity>;
export type Reference = z.infer<typeof reference>;

export const medicationSchema = z.object({
  resourceType: z.literal('Medication'),
  id: z.string().optional(),
  code: codeableConcept.optional(),
});
export type Medication = z.infer<typeof medicationSchema>;

export const medicationAdministrationSchema = z.object({
  resourceType: z.literal('MedicationAdministration'),
  id: z.string().optional(),
  status: z.string(),
  contained: z.array(z.looseObject({ resourceType: z.string(), id: z.string().optional() })).optional(),
  medicationCodeableConcept: codeableConcept.optional(),
  medicationReference: reference.optional(),
  partOf: z.array(reference).optional(),
  subject: reference.optional(),
  context: reference.optional(),
  effectiveDateTime: z.string().optional(),
  effectivePeriod: z.object({ start: z.string().optional(), end: z.string().optional() }).optional(),
  performer: z.array(z.object({ actor: reference.optional() })).optional(),
  reasonCode: z.array(codeableConcept).optional(),
  note: z.array(z.object({ text: z.string().optional() })).optional(),
  dosage: z
    .object({
      text: z.string().optional(),
      site: codeableConcept.optional(),
      route: codeableConcept.optional(),
      method: codeableConcept.optional(),
      dose: quantity.optional(),
      rateQuantity: quantity.optional(),
      rateRatio: z.object({ numerator: quantity.optional(), denominator: quantity.optional() }).optional(),
    })
    .optional(),
});
export type MedicationAdministration = z.infer<typeof medicationAdministrationSchema>;

export const patientSchema = z.object({
  resourceType: z.literal('Patient'),
  id: z.string().optional(),
  identifier: z.array(identifier).optional(),
});
export type Patient = z.infer<typeof patientSchema>;

export const encounterSchema = z.object({
  resourceType: z.literal('Encounter'),
  id: z.string().optional(),
  identifier: z.array(identifier).optional(),
  class: coding.optional(),
  type: z.array(codeableConcept).optional(),
  serviceType: codeableConcept.optional(),
  location: z.array(z.object({ location: reference.optional() })).optional(),
});
export type Encounter = z.infer<typeof encounterSchema>;

export const coverageSchema = z.object({
  resourceType: z.literal('Coverage'),
  id: z.string().optional(),
  status: z.string().optional(),
  beneficiary: reference.optional(),
  payor: z.array(reference).optional(),
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
