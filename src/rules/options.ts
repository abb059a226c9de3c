import { z } from 'zod';

/**
 * Options of RULES.md (each choice marked "option" there), with the documented defaults.
 * Checked with zod at the boundary: the task pane saves them in the workbook, the command line
 * takes them as flags, and custom functions read them from the shared runtime.
 */
export const codingOptionsSchema = z.object({
  /** Setting used when a row has no readable setting. */
  setting: z.enum(['facility', 'office']).default('facility'),
  /** Payer used when a row has no payer. */
  defaultPayer: z.string().default(''),
  /** Modifier on the initial code of a second, overlapping access site (59, or the X{EPSU} subsets). */
  separateSiteModifier: z.enum(['59', 'XS', 'XU']).default('59'),
  /** RULES.md 4: modifier on the initial code of the later of two encounters of one patient on one date. */
  separateEncounterModifier: z.enum(['59', 'XE']).default('59'),
  /** RULES.md 3.11: an IV infusion with a start and no stop: code it as a push (default) or not at all. */
  missingTimeInfusion: z.enum(['push', 'none']).default('push'),
  /** RULES.md 3.11: an IV infusion with no start and no stop: no administration code (default) or a push. */
  noTimesInfusion: z.enum(['none', 'push']).default('none'),
  /** RULES.md 3.11: a missing stop computed from the row's own volume and rate (start + volume / rate). */
  computeStopFromRate: z.boolean().default(true),
  /** Electrolytes (KCl, magnesium): the purpose column decides (default), or always therapeutic. */
  electrolytes: z.enum(['by-purpose', 'therapeutic']).default('by-purpose'),
  /** Sum separate hydration segments of one encounter before applying the hour thresholds. */
  sumHydrationSegments: z.boolean().default(true),
  /** RULES.md 3.3: the not-complex injection list turns class C injections into 96372 (`mac-list`), or is ignored. */
  complexInjections: z.enum(['mac-list', 'cpt-class-only']).default('mac-list'),
  /** RULES.md 3.8: payers whose claims take G0498 instead of 96416 for a pump started in the facility. */
  g0498Payers: z.array(z.string()).default([]),
  /** RULES.md 5.3: a new bag of a drug already infused: its own extra hours, added to the first bag, or 96376. */
  repeatInfusion: z.enum(['interval', 'sum', 'push-code']).default('interval'),
  /** RULES.md 5.4: one dose in several syringes: one injection code (default) or one per syringe. */
  splitDose: z.enum(['one', 'per-syringe']).default('one'),
  /** RULES.md 5.5: list heparin/saline flush products never, only on a port-irrigation-only date, or always. */
  listFlushDrugs: z.enum(['never', 'irrigation-only', 'always']).default('irrigation-only'),
  /** Payers whose single-dose drugs take JW/JZ (matched case-insensitively as words of the payer name). */
  jwJzPayers: z.array(z.string()).default(['Medicare']),
});

export type CodingOptions = z.infer<typeof codingOptionsSchema>;
export type CodingOptionsInput = z.input<typeof codingOptionsSchema>;

export const DEFAULT_OPTIONS: CodingOptions = codingOptionsSchema.parse({});

const resolved = new WeakSet<object>();

/** Options from any source (saved settings, flags); unknown or bad values fall back to the defaults. */
export function resolveOptions(input: unknown): CodingOptions {
  // Options resolved here once are returned as they are (custom functions call this per cell).
  if (input && typeof input === 'object' && resolved.has(input)) return input as CodingOptions;
  const result = parseOptions(input);
  resolved.add(result);
  return result;
}

function parseOptions(input: unknown): CodingOptions {
  const parsed = codingOptionsSchema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  // Keep every valid field, drop the bad ones: a damaged saved setting must not stop coding.
  const out: Record<string, unknown> = {};
  const shape = codingOptionsSchema.shape;
  if (input && typeof input === 'object') {
    for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
      const field = (shape as Record<string, z.ZodTypeAny>)[key];
      if (field && field.safeParse(value).success) out[key] = value;
    }
  }
  return codingOptionsSchema.parse(out);
}

/**
 * How each option is offered to people: the command-line flag, the task pane's label and, for choices,
 * a few words per value. The command line, the pane and docs/coding-rules.md are built from this list.
 */
export interface OptionDescriptor {
  key: keyof CodingOptions;
  flag: string;
  label: string;
  /** One sentence: what the option changes. */
  help: string;
  /** Labels of an enum option's values, in the schema's order. */
  choices?: Record<string, string>;
  kind: 'enum' | 'boolean' | 'text' | 'list';
}

export const OPTION_DESCRIPTORS: readonly OptionDescriptor[] = [
  { key: 'setting', flag: '--setting', kind: 'enum', label: 'Setting when a row has none', help: 'facility or office, for rows without a readable setting.', choices: { facility: 'Facility', office: 'Office' } },
  { key: 'defaultPayer', flag: '--payer', kind: 'text', label: 'Default payer', help: 'Used when a row has no payer.' },
  { key: 'separateSiteModifier', flag: '--site-modifier', kind: 'enum', label: 'Separate-site modifier', help: 'On the initial code of a second IV site running at the same time.', choices: { '59': '59', XS: 'XS (separate structure)', XU: 'XU (unusual non-overlapping service)' } },
  { key: 'separateEncounterModifier', flag: '--encounter-modifier', kind: 'enum', label: 'Second-encounter modifier', help: 'On the initial code of the later of two encounters of one patient on one date.', choices: { '59': '59', XE: 'XE (separate encounter)' } },
  { key: 'missingTimeInfusion', flag: '--missing-time', kind: 'enum', label: 'Infusion with a start and no stop', help: 'Code it as a push, or do not code it.', choices: { push: 'Code it as a push', none: 'Do not code it' } },
  { key: 'noTimesInfusion', flag: '--no-times', kind: 'enum', label: 'Infusion with no start and no stop', help: 'No administration code, or code it as a push.', choices: { none: 'Do not code it', push: 'Code it as a push' } },
  { key: 'computeStopFromRate', flag: '--compute-stop', kind: 'boolean', label: 'Compute a missing stop from volume and rate', help: 'start + volume / rate when the row documents both; the missing stop is still reported.' },
  { key: 'electrolytes', flag: '--electrolytes', kind: 'enum', label: 'Electrolytes (KCl, magnesium)', help: 'The purpose column decides, or always therapeutic.', choices: { 'by-purpose': 'The purpose column decides', therapeutic: 'Always therapeutic' } },
  { key: 'sumHydrationSegments', flag: '--sum-hydration', kind: 'boolean', label: 'Add up separate hydration segments of an encounter', help: 'Apply the hour thresholds to the sum of the segments instead of each one.' },
  { key: 'complexInjections', flag: '--complex-injections', kind: 'enum', label: 'SQ/IM injections of complex drugs', help: 'Use the not-complex list (96372 for listed drugs), or the catalog class only.', choices: { 'mac-list': 'Use the not-complex list', 'cpt-class-only': 'Catalog class only' } },
  { key: 'g0498Payers', flag: '--g0498-payers', kind: 'list', label: 'Payers that take G0498 for a pump', help: 'Comma-separated; their prolonged pump infusions are G0498 instead of 96416.' },
  { key: 'repeatInfusion', flag: '--repeat-infusion', kind: 'enum', label: 'A new bag of a drug already infused', help: 'Its own extra hours, its minutes added to the first bag, or 96376 per bag.', choices: { interval: 'Extra hours by its own minutes', sum: 'Add its minutes to the first bag', 'push-code': '96376 per bag (facility)' } },
  { key: 'splitDose', flag: '--split-dose', kind: 'enum', label: 'One dose in several syringes', help: 'One injection code, or one per syringe.', choices: { one: 'One injection code', 'per-syringe': 'One code per syringe' } },
  { key: 'listFlushDrugs', flag: '--list-flush-drugs', kind: 'enum', label: 'Heparin / saline flush products', help: 'List them never, only on a port-irrigation-only date, or always.', choices: { never: 'Never', 'irrigation-only': 'Only on a port-irrigation-only date', always: 'Always' } },
  { key: 'jwJzPayers', flag: '--jw-payers', kind: 'list', label: 'Payers that take JW/JZ', help: 'Comma-separated; matched as words of the payer name.' },
];
