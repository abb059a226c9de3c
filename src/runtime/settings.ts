/**
 * What the add-in remembers per workbook: one versioned JSON value in `workbook.settings`, checked with zod
 * on load. A damaged or foreign value never stops the add-in: it falls back field by field to the defaults.
 *
 * - `mappings`: the user's corrections of the detected mapping, per sheet name, by header text (so a column
 *   moved or inserted later still maps), `null` meaning "this field has no column".
 * - `options`: the coding options of RULES.md (rules/options.ts).
 * - `drugMap`: the user's drug map as the grid it was imported from (a sheet or a CSV file).
 * - `ledgers`: what the last run left on each sheet, so a re-run and "Clear results" touch exactly that.
 * - `actions`: the site's own MAR action words (`Bag Hung` = start), for action logs.
 */
import { z } from 'zod';
import { CLAIMS_KIND_IDS } from '../claims/kinds';
import { ACTION_KINDS } from '../inputs/actionLog/actions';
import { FIELDS } from '../rules/types';
import { codingOptionsSchema, type CodingOptions } from '../rules/options';

export const SETTINGS_KEY = 'InfusionCoder';
export const SETTINGS_VERSION = 2;

const fieldSchema = z.enum(FIELDS);

/** Field -> header text chosen by the user; null = deliberately unmapped. */
export const mappingOverrideSchema = z.partialRecord(fieldSchema, z.string().nullable());
export type MappingOverride = z.infer<typeof mappingOverrideSchema>;

/**
 * What the last run left on a sheet. Nothing in it is an address that a sort, a filter or an inserted row
 * would make wrong: the derived columns are found by their headers, our conditional-format rules by their
 * formula (sheet/marks.ts), and our notes by their text (a note is ours only while its text hashes to one of
 * `notes`). `headers` and `firstColumn` only tell a re-run which of our headers the user may have renamed.
 */
export const ledgerSchema = z.object({
  sheetId: z.string(),
  sheetName: z.string(),
  headerRow: z.number().int().positive(),
  firstColumn: z.number().int().positive(),
  /** The block's headers as written, left to right (derived columns, then IC Flags). */
  headers: z.array(z.string()),
  lastRow: z.number().int().nonnegative(),
  /** Distinct fingerprints (textHash) of the note texts the run wrote or kept. */
  notes: z.array(z.string()),
  /** Where those notes are: Excel notes (ExcelApi 1.18) or threaded comments. */
  noteKind: z.enum(['note', 'comment']).nullable(),
  /** Conditional-format rules the run added (for the pane; the rules themselves are found by formula). */
  rules: z.number().int().nonnegative(),
  /** Cell fills an earlier version left (version 1 highlighted by filling cells); reported once, never removed. */
  legacyFills: z.number().int().nonnegative().optional(),
  /** ISO time of the run, for the pane's "last coded" line. */
  at: z.string().optional(),
});
export type Ledger = z.infer<typeof ledgerSchema>;

/** Version 1 ledgers (fills and notes by address), read only to upgrade them. */
const ledgerV1Schema = ledgerSchema.pick({ sheetId: true, sheetName: true, headerRow: true, firstColumn: true, headers: true, lastRow: true, at: true }).extend({
  fills: z.array(z.tuple([z.number(), z.number(), z.string(), z.unknown()])),
  notes: z.array(z.tuple([z.number(), z.number(), z.enum(['note', 'comment']), z.string().nullable()])),
});

/** A version 1 ledger in today's shape: its note fingerprints carry over (same hash); fills are only counted. */
export function upgradeLedger(v1: z.infer<typeof ledgerV1Schema>): Ledger {
  const hashes = new Set<string>();
  for (const n of v1.notes) if (n[3]) hashes.add(n[3]);
  return {
    sheetId: v1.sheetId,
    sheetName: v1.sheetName,
    headerRow: v1.headerRow,
    firstColumn: v1.firstColumn,
    headers: v1.headers,
    lastRow: v1.lastRow,
    notes: [...hashes],
    noteKind: v1.notes[0]?.[2] ?? null,
    rules: 0,
    legacyFills: v1.fills.length || undefined,
    at: v1.at,
  };
}

export const drugMapSchema = z.object({
  /** Where it came from: a sheet name or a file name, shown in the pane. */
  source: z.string(),
  rows: z.array(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()]))),
});
export type StoredDrugMap = z.infer<typeof drugMapSchema>;

export const actionOverrideSchema = z.object({ action: z.string().min(1), kind: z.enum(ACTION_KINDS) });

export const storedSettingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  options: z.record(z.string(), z.unknown()).default({}),
  mappings: z.record(z.string(), mappingOverrideSchema).default({}),
  drugMap: drugMapSchema.nullable().default(null),
  /** Name of a sheet holding the CMS MUE file, read at each run; null = the built-in MUE values. */
  mueSheet: z.string().nullable().default(null),
  /** Sheets holding the claims tables (ASP file, NDC crosswalk, filtered PTP edits, fees, payers, revenue codes), read at each run. */
  claimsSheets: z.partialRecord(z.enum(CLAIMS_KIND_IDS), z.string()).default({}),
  /** Keyed by worksheet id (survives a rename). */
  ledgers: z.record(z.string(), ledgerSchema).default({}),
  /** The site's own MAR action words (the pane's Actions table), added to the built-in vocabulary. */
  actions: z.array(actionOverrideSchema).default([]),
});
export type StoredSettings = z.infer<typeof storedSettingsSchema>;

/**
 * The user's mapping for a sheet: by its name, else by the name it had at its last run (the ledger is kept by
 * sheet id, so a sheet renamed since keeps its mapping, and Clear results still finds its columns).
 */
export function mappingFor(settings: StoredSettings, sheet: { id: string; name: string }): StoredSettings['mappings'][string] | undefined {
  const own = settings.mappings[sheet.name];
  if (own) return own;
  const before = settings.ledgers[sheet.id]?.sheetName;
  return before !== undefined ? settings.mappings[before] : undefined;
}

/** The fingerprints of every note the ledgers of this workbook remember. */
export function workbookNoteFingerprints(settings: StoredSettings): string[] {
  const out: string[] = [];
  for (const ledger of Object.values(settings.ledgers)) for (const note of ledger.notes) out.push(note);
  return out;
}

export function emptySettings(): StoredSettings {
  return { version: SETTINGS_VERSION, options: {}, mappings: {}, drugMap: null, mueSheet: null, claimsSheets: {}, ledgers: {}, actions: [] };
}

/**
 * Reads the stored value (a JSON string, or an object when another writer stored one). Version 1 is upgraded;
 * unknown versions and damaged parts fall back to defaults, keeping whatever parts are still valid.
 */
export function parseSettings(raw: unknown): StoredSettings {
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return emptySettings();
    }
  }
  if (!value || typeof value !== 'object') return emptySettings();
  const whole = storedSettingsSchema.safeParse(value);
  if (whole.success) return whole.data;
  const obj = value as Record<string, unknown>;
  if (obj.version !== SETTINGS_VERSION && obj.version !== 1) return emptySettings();
  const out = emptySettings();
  const part = <T>(schema: z.ZodType<T>, v: unknown): T | undefined => {
    const r = schema.safeParse(v);
    return r.success ? r.data : undefined;
  };
  out.options = part(z.record(z.string(), z.unknown()), obj.options) ?? {};
  out.drugMap = part(drugMapSchema.nullable(), obj.drugMap) ?? null;
  out.mueSheet = part(z.string().nullable(), obj.mueSheet) ?? null;
  out.claimsSheets = part(z.partialRecord(z.enum(CLAIMS_KIND_IDS), z.string()), obj.claimsSheets) ?? {};
  if (Array.isArray(obj.actions)) {
    for (const a of obj.actions) {
      const ok = part(actionOverrideSchema, a);
      if (ok) out.actions.push(ok);
    }
  }
  if (obj.mappings && typeof obj.mappings === 'object') {
    for (const [sheet, m] of Object.entries(obj.mappings as Record<string, unknown>)) {
      const ok = part(mappingOverrideSchema, m);
      if (ok) out.mappings[sheet] = ok;
    }
  }
  if (obj.ledgers && typeof obj.ledgers === 'object') {
    for (const [id, l] of Object.entries(obj.ledgers as Record<string, unknown>)) {
      const ok = obj.version === 1 ? mapPart(part(ledgerV1Schema, l), upgradeLedger) : part(ledgerSchema, l);
      if (ok) out.ledgers[id] = ok;
    }
  }
  return out;
}

function mapPart<A, B>(value: A | undefined, f: (a: A) => B): B | undefined {
  return value === undefined ? undefined : f(value);
}

export function serializeSettings(settings: StoredSettings): string {
  return JSON.stringify(storedSettingsSchema.parse(settings));
}

/** Keep only option values the schema accepts (what the pane saves). */
export function cleanOptions(options: Partial<CodingOptions>): Partial<CodingOptions> {
  const out: Record<string, unknown> = {};
  const shape = codingOptionsSchema.shape as Record<string, z.ZodType>;
  for (const [k, v] of Object.entries(options)) {
    if (shape[k] && shape[k].safeParse(v).success) out[k] = v;
  }
  return out as Partial<CodingOptions>;
}
