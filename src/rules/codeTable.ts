/**
 * The drug-administration code table (RULES.md 5.2) as data: which code fills which place of which family,
 * whether it is an initial, add-on or standalone code, the primary codes an add-on needs, its time rule,
 * whether only facilities report it, and a short description in our own words (CPT descriptors are
 * AMA-copyrighted and are not reproduced). Code selection asks this table for `code(family, slot)`; no
 * decision names a code number. A yearly CPT update edits this file only.
 *
 * Source: RULES.md edition 2, section 5.2 (CPT 2026 drug-administration section 96360-96549 as restated
 * by CMS/MAC articles in RULES-SOURCES-2.md) and HCPCS Level II G0498.
 */

export const CODE_TABLE_EDITION = 'CPT 2026 drug administration 96360-96549 + HCPCS G0498 (RULES.md edition 2, section 5.2)';

/** Service families: a family's codes compete for the same places (initial, sequential, extra hours ...). */
export type CodeFamily =
  | 'hydration'
  | 'therapeutic'
  | 'complex'
  | 'injection'
  | 'sq-infusion'
  | 'intra-arterial'
  | 'intracavitary'
  | 'pump'
  | 'irrigation'
  | 'unlisted';

/** The place a code fills within its family. */
export type CodeSlot =
  | 'initial-infusion'
  | 'additional-hour'
  | 'sequential-infusion'
  | 'concurrent'
  | 'initial-push'
  | 'additional-push'
  | 'repeat-push'
  | 'injection'
  | 'injection-non-hormonal'
  | 'injection-hormonal'
  | 'on-body'
  | 'additional-setup'
  | 'chemo-push'
  | 'chemo-initial-infusion'
  | 'chemo-additional-hour'
  | 'chemo-prolonged-pump'
  | 'pleural'
  | 'peritoneal'
  | 'intrathecal'
  | 'reservoir'
  | 'prolonged-pump'
  | 'prolonged-pump-g'
  | 'refill-portable'
  | 'refill-implantable'
  | 'irrigation'
  | 'unlisted-drug'
  | 'unlisted-chemo';

export type CodeRole = 'initial' | 'add-on' | 'standalone';

/**
 * How time earns units: `first-hour` one unit for 16+ min (31+ for hydration), `additional-hour` RULES.md 5.1,
 * `per-service` one per administration, `per-session` one per session whatever the time, `over-8-hours` a pump
 * running (or planned for) more than 8 hours.
 */
export type TimeRule = 'first-hour' | 'additional-hour' | 'per-service' | 'per-session' | 'over-8-hours';

export interface CodeDef {
  code: string;
  family: CodeFamily;
  slot: CodeSlot;
  role: CodeRole;
  /** For add-on codes: at least one of these must be on the encounter. */
  primaries: readonly string[];
  time: TimeRule;
  /** Reported by facilities only (the office reports nothing for it). */
  facilityOnly: boolean;
  /** Never assigned automatically (unlisted codes). */
  manualOnly: boolean;
  description: string;
  edition: string;
}

const ED = 'CPT 2026';
const IV_INITIALS = ['96360', '96365', '96374', '96409', '96413'];

function def(
  code: string,
  family: CodeFamily,
  slot: CodeSlot,
  role: CodeRole,
  time: TimeRule,
  description: string,
  extra: { primaries?: string[]; facilityOnly?: boolean; manualOnly?: boolean; edition?: string } = {},
): CodeDef {
  return {
    code,
    family,
    slot,
    role,
    primaries: extra.primaries ?? [],
    time,
    facilityOnly: extra.facilityOnly ?? false,
    manualOnly: extra.manualOnly ?? false,
    description,
    edition: extra.edition ?? ED,
  };
}

export const CODE_TABLE: readonly CodeDef[] = [
  def('96360', 'hydration', 'initial-infusion', 'initial', 'first-hour', 'Hydration by IV infusion, first hour (31 minutes or more)'),
  def('96361', 'hydration', 'additional-hour', 'add-on', 'additional-hour', 'Hydration, each additional hour (or hydration beside another initial service)', { primaries: [...IV_INITIALS, '96367', '96369', '96422'] }),
  def('96365', 'therapeutic', 'initial-infusion', 'initial', 'first-hour', 'Therapeutic, prophylactic or diagnostic IV infusion, first hour'),
  def('96366', 'therapeutic', 'additional-hour', 'add-on', 'additional-hour', 'Therapeutic IV infusion, each additional hour (also a new bag of the same drug)', { primaries: ['96365', '96367'] }),
  def('96367', 'therapeutic', 'sequential-infusion', 'add-on', 'first-hour', 'Sequential IV infusion of a new drug, up to one hour', { primaries: IV_INITIALS }),
  def('96368', 'therapeutic', 'concurrent', 'add-on', 'per-service', 'Concurrent IV infusion (a separate bag at the same time), once per encounter', { primaries: ['96365', '96366', '96413', '96415', '96374', '96409', '96360'] }),
  def('96369', 'sq-infusion', 'initial-infusion', 'standalone', 'first-hour', 'Subcutaneous infusion, first hour, with pump set-up and its sites'),
  def('96370', 'sq-infusion', 'additional-hour', 'add-on', 'additional-hour', 'Subcutaneous infusion, each additional hour', { primaries: ['96369'] }),
  def('96371', 'sq-infusion', 'additional-setup', 'add-on', 'per-service', 'Subcutaneous infusion, each additional pump set-up with new sites', { primaries: ['96369'] }),
  def('96372', 'injection', 'injection', 'standalone', 'per-service', 'Therapeutic injection, intramuscular or subcutaneous'),
  def('96373', 'intra-arterial', 'injection', 'standalone', 'per-service', 'Therapeutic injection, intra-arterial'),
  def('96374', 'therapeutic', 'initial-push', 'initial', 'per-service', 'IV push of a single or initial drug'),
  def('96375', 'therapeutic', 'additional-push', 'add-on', 'per-service', 'IV push of each additional new drug', { primaries: IV_INITIALS }),
  def('96376', 'therapeutic', 'repeat-push', 'add-on', 'per-service', 'IV push of the same drug again, more than 30 minutes later (facility)', { primaries: IV_INITIALS, facilityOnly: true }),
  def('96377', 'injection', 'on-body', 'standalone', 'per-service', 'Application of an on-body injector for a timed subcutaneous dose'),
  def('96379', 'unlisted', 'unlisted-drug', 'standalone', 'per-service', 'Unlisted therapeutic drug administration', { manualOnly: true }),
  def('96401', 'injection', 'injection-non-hormonal', 'standalone', 'per-service', 'Chemotherapy injection, subcutaneous or intramuscular, non-hormonal anti-neoplastic'),
  def('96402', 'injection', 'injection-hormonal', 'standalone', 'per-service', 'Chemotherapy injection, subcutaneous or intramuscular, hormonal anti-neoplastic'),
  def('96409', 'complex', 'initial-push', 'initial', 'per-service', 'Chemotherapy or complex drug by IV push, single or initial drug'),
  def('96411', 'complex', 'additional-push', 'add-on', 'per-service', 'Chemotherapy or complex drug by IV push, each additional drug', { primaries: ['96409', '96413'] }),
  def('96413', 'complex', 'initial-infusion', 'initial', 'first-hour', 'Chemotherapy or complex drug by IV infusion, first hour'),
  def('96415', 'complex', 'additional-hour', 'add-on', 'additional-hour', 'Chemotherapy or complex drug infusion, each additional hour (also a new bag of the same drug)', { primaries: ['96413', '96417'] }),
  def('96416', 'pump', 'prolonged-pump', 'standalone', 'over-8-hours', 'Start of a prolonged chemotherapy infusion (over 8 hours) with a portable or implanted pump'),
  def('96417', 'complex', 'sequential-infusion', 'add-on', 'first-hour', 'Sequential infusion of another chemotherapy or complex drug, up to one hour', { primaries: ['96413'] }),
  def('96420', 'intra-arterial', 'chemo-push', 'standalone', 'per-service', 'Chemotherapy, intra-arterial push'),
  def('96422', 'intra-arterial', 'chemo-initial-infusion', 'standalone', 'first-hour', 'Chemotherapy, intra-arterial infusion, first hour'),
  def('96423', 'intra-arterial', 'chemo-additional-hour', 'add-on', 'additional-hour', 'Chemotherapy, intra-arterial infusion, each additional hour', { primaries: ['96422'] }),
  def('96425', 'intra-arterial', 'chemo-prolonged-pump', 'standalone', 'over-8-hours', 'Chemotherapy, intra-arterial infusion over 8 hours with a pump'),
  def('96440', 'intracavitary', 'pleural', 'standalone', 'per-session', 'Chemotherapy into the pleural cavity (includes thoracentesis)'),
  def('96446', 'intracavitary', 'peritoneal', 'standalone', 'per-session', 'Chemotherapy into the peritoneal cavity through an indwelling port or catheter'),
  def('96450', 'intracavitary', 'intrathecal', 'standalone', 'per-session', 'Chemotherapy into the central nervous system (includes the spinal puncture)'),
  def('96521', 'pump', 'refill-portable', 'standalone', 'per-service', 'Refill and maintenance of a portable pump'),
  def('96522', 'pump', 'refill-implantable', 'standalone', 'per-service', 'Refill and maintenance of an implantable pump or reservoir'),
  def('96523', 'irrigation', 'irrigation', 'standalone', 'per-service', 'Irrigation of an implanted venous access device (only service of the date)'),
  def('96542', 'intracavitary', 'reservoir', 'standalone', 'per-session', 'Chemotherapy through a subcutaneous reservoir into the subarachnoid or ventricular space'),
  def('96549', 'unlisted', 'unlisted-chemo', 'standalone', 'per-service', 'Unlisted chemotherapy procedure', { manualOnly: true }),
  def('G0498', 'pump', 'prolonged-pump-g', 'standalone', 'over-8-hours', 'Chemotherapy infusion started in the facility with its own portable pump (all-inclusive, Medicare)', { edition: 'HCPCS 2026' }),
];

const BY_CODE = new Map(CODE_TABLE.map((d) => [d.code, d]));
/** family -> slot -> code (two lookups, no key string built: code selection runs per line). */
const BY_SLOT = new Map<CodeFamily, Map<CodeSlot, string>>();
for (const d of CODE_TABLE) {
  let slots = BY_SLOT.get(d.family);
  if (!slots) BY_SLOT.set(d.family, (slots = new Map()));
  slots.set(d.slot, d.code);
}

/** The code that fills `slot` in `family`; throws when the table lacks it (a table defect, caught by the tests). */
export function code(family: CodeFamily, slot: CodeSlot): string {
  const c = BY_SLOT.get(family)?.get(slot);
  if (c === undefined) throw new Error(`code table has no ${slot} code for ${family}`);
  return c;
}

export function codeDef(codeNumber: string): CodeDef | undefined {
  return BY_CODE.get(codeNumber);
}

/** Initial codes of the IV hierarchy (one per encounter and access). */
export function isIvInitial(codeNumber: string): boolean {
  const d = BY_CODE.get(codeNumber);
  return d !== undefined && d.role === 'initial';
}

/** The claim lists the initial service first (the IV initials in their order); the other lines keep theirs. */
export function initialServiceFirst<T extends { code: string }>(lines: T[]): T[] {
  if (lines.length < 2 || isIvInitial(lines[0].code)) return lines;
  return [...lines.filter((l) => isIvInitial(l.code)), ...lines.filter((l) => !isIvInitial(l.code))];
}

/** Add-on codes in `codes` whose required primary code is absent (an engine defect if ever non-empty). */
export function orphanAddOns(codes: string[]): string[] {
  const present = new Set(codes);
  return codes.filter((c) => {
    const d = BY_CODE.get(c);
    return d !== undefined && d.role === 'add-on' && !d.primaries.some((p) => present.has(p));
  });
}
