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
  /** An IV infusion without a usable start/stop: code it as a push (default) or not at all. */
  missingTimeInfusion: z.enum(['push', 'none']).default('push'),
  /** Electrolytes (KCl, magnesium): the purpose column decides (default), or always therapeutic. */
  electrolytes: z.enum(['by-purpose', 'therapeutic']).default('by-purpose'),
  /** Sum separate hydration segments of one encounter before applying the hour thresholds. */
  sumHydrationSegments: z.boolean().default(true),
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
