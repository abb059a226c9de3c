/**
 * Payer profiles: what each payer wants on a claim. JW/JZ (the `jwJzPayers` option is the JW/JZ column of
 * this table), an NDC on every drug line (Medicaid), the separate-site modifier (59 or XS/XU), the 340B
 * modifier on separately payable drugs (JG, TB), and the claim form (UB-04 with revenue codes, CMS-1500).
 * A payer name matches a profile when the profile's words appear in it (`Medicare Part B` -> Medicare).
 */
import { z } from 'zod';
import type { CodingOptions } from '../rules/options';
import type { CellValue, Setting } from '../rules/types';
import { words } from '../rules/vocabulary';
import { matchHeader } from '../sheet/headers';
import { findHeader, HEADER_SEARCH_ROWS, RefusedTableError, text, WrongTableError, type ColumnSpec } from './header';
import type { TableInfo } from './tables';

export const payerProfileSchema = z.object({
  payer: z.string().min(1),
  jwJz: z.boolean(),
  ndcRequired: z.boolean(),
  /** null: the coding option's separate-site modifier. */
  siteModifier: z.enum(['59', 'XS', 'XU']).nullable(),
  modifier340b: z.enum(['JG', 'TB', 'none']),
  claimForm: z.enum(['UB-04', 'CMS-1500', 'by-setting']),
});
export type PayerProfile = z.infer<typeof payerProfileSchema>;

export interface PayerTable {
  info: TableInfo;
  profiles: PayerProfile[];
}

export type ClaimForm = 'UB-04' | 'CMS-1500';

/** A payer no profile names: nothing extra asked, the form follows the setting. */
export const DEFAULT_PROFILE: PayerProfile = Object.freeze({
  payer: '(other payers)',
  jwJz: false,
  ndcRequired: false,
  siteModifier: null,
  modifier340b: 'none',
  claimForm: 'by-setting',
});

/**
 * Built-in profiles. Medicare: JW/JZ (CMS JW/JZ policy), TB on 340B-acquired drugs (CMS requires TB from
 * 2025-01-01; JG ended 2024-12-31). Medicaid: the Deficit Reduction Act of 2005 requires NDCs on
 * physician-administered drug claims.
 */
export const BUILT_IN_PROFILES: readonly PayerProfile[] = Object.freeze([
  { payer: 'Medicare', jwJz: true, ndcRequired: false, siteModifier: null, modifier340b: 'TB', claimForm: 'by-setting' },
  { payer: 'Medicaid', jwJz: false, ndcRequired: true, siteModifier: null, modifier340b: 'none', claimForm: 'by-setting' },
]);

const sameName = (a: string, b: string) => words(a) === words(b);

/**
 * The profiles in force: the user's first, then the built-in ones they do not replace. Built-in JW/JZ
 * follows `jwJzPayers` (backward compatible), and a `jwJzPayers` name without a profile gets one.
 */
export function resolveProfiles(options: Pick<CodingOptions, 'jwJzPayers'>, user: readonly PayerProfile[] = []): PayerProfile[] {
  const out: PayerProfile[] = [...user];
  const has = (name: string) => out.some((p) => sameName(p.payer, name));
  for (const p of BUILT_IN_PROFILES) {
    if (!has(p.payer)) out.push({ ...p, jwJz: options.jwJzPayers.some((n) => sameName(n, p.payer)) });
  }
  for (const name of options.jwJzPayers) if (words(name) !== '' && !has(name)) out.push({ ...DEFAULT_PROFILE, payer: name, jwJz: true });
  return out;
}

/** The `jwJzPayers` option the rules module reads, from the profiles. */
export function jwJzPayersOf(profiles: readonly PayerProfile[]): string[] {
  return profiles.filter((p) => p.jwJz).map((p) => p.payer);
}

/** The profile of a payer name: the longest profile name found in it as words, else the default. */
export function profileFor(profiles: readonly PayerProfile[], payer: string | null): PayerProfile {
  const p = ` ${words(payer ?? '')} `;
  let best: PayerProfile = DEFAULT_PROFILE;
  let bestLength = 0;
  for (const profile of profiles) {
    const w = words(profile.payer);
    if (w.length > bestLength && p.includes(` ${w} `)) {
      best = profile;
      bestLength = w.length;
    }
  }
  return best;
}

export function claimFormOf(profile: PayerProfile, setting: Setting): ClaimForm {
  if (profile.claimForm !== 'by-setting') return profile.claimForm;
  return setting === 'facility' ? 'UB-04' : 'CMS-1500';
}

/**
 * Profile columns count by their own names only: an infusion log's `NDC`, `340B` or `JW` column (the NDC given,
 * a 340B flag, the wasted amount) says nothing about a payer, and would read the log as a payer table.
 */
export const PAYER_COLUMNS = {
  payer: { label: 'Payer', names: ['payer', 'payor', 'payername', 'insurance', 'plan'], required: true },
  jwJz: { label: 'JW/JZ', names: ['jwjz', 'jwjzmodifiers', 'jwjzmodifier', 'wastemodifiers'], required: false },
  ndcRequired: { label: 'NDC required', names: ['ndcrequired', 'requiresndc'], required: false },
  siteModifier: { label: 'Site modifier', names: ['sitemodifier', 'separatesitemodifier', 'distinctmodifier', 'modifier59'], required: false },
  modifier340b: { label: '340B modifier', names: ['340bmodifier', 'modifier340b'], required: false },
  claimForm: { label: 'Claim form', names: ['claimform', 'claimtype'], required: false },
} satisfies Record<string, ColumnSpec>;

/** What a payer table needs: a Payer column and one profile column (a table naming payers alone says nothing). */
export const PAYER_TABLE_COLUMNS = {
  payer: PAYER_COLUMNS.payer,
  profile: { label: 'and one of JW/JZ, NDC required, Site modifier, 340B modifier, Claim form', names: [], required: true },
} satisfies Record<string, ColumnSpec>;

/**
 * The headers of a row near the top that reads as an infusion log's, else null: a drug and a time or a route (a
 * fee schedule's `Description` and `Amount` read as drug and dose, so those two alone do not count).
 */
function infusionLogHeaders(grid: readonly (readonly CellValue[])[]): string[] | null {
  for (const row of grid.slice(0, HEADER_SEARCH_ROWS)) {
    const named = row.map((v) => ({ header: text(v), field: typeof v === 'string' ? matchHeader(v)?.field : undefined })).filter((h) => h.field && LOG_FIELDS.has(h.field));
    const fields = new Set(named.map((h) => h.field));
    if (fields.has('drug') && (fields.has('start') || fields.has('stop') || fields.has('route'))) return named.map((h) => h.header);
  }
  return null;
}

/** The columns that tell an infusion log (and are named in its message). */
const LOG_FIELDS: ReadonlySet<string> = new Set(['drug', 'dose', 'route', 'start', 'stop']);

const YES = /^(y|yes|true|1|on|x|required)$/i;
const NO = /^(n|no|false|0|off|)$/i;

/** The user's payer table (CSV or sheet); a bad cell keeps the default and is reported. */
export function parsePayerProfiles(grid: readonly (readonly CellValue[])[], name: string): { table: PayerTable; problems: string[] } {
  // The infusion log given for the payer table (it has a Payer column) would replace the built-in profiles.
  const log = infusionLogHeaders(grid);
  if (log) throw new RefusedTableError(`it looks like an infusion log (its header has ${log.slice(0, 4).join(', ')}), not a payer profile table`);
  const hit = findHeader(grid, PAYER_COLUMNS);
  if (!hit) throw new WrongTableError('a payer profile table', PAYER_TABLE_COLUMNS, grid);
  const c = hit.columns;
  // A table naming payers and nothing about them (a fee schedule, the coded sheet) would reset every profile
  // to 'no': it is not a payer table.
  if (c.jwJz === null && c.ndcRequired === null && c.siteModifier === null && c.modifier340b === null && c.claimForm === null) {
    throw new WrongTableError('a payer profile table', PAYER_TABLE_COLUMNS, grid);
  }
  const profiles: PayerProfile[] = [];
  const problems: string[] = [];
  let skipped = 0;
  for (let r = hit.headerRow + 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const cell = (i: number | null) => (i === null ? '' : text(row[i]));
    const payer = cell(c.payer);
    if (payer === '') {
      if (row.some((v) => text(v) !== '')) skipped++;
      continue;
    }
    const profile: PayerProfile = { ...DEFAULT_PROFILE, payer };
    const flag = (value: string, label: string): boolean => {
      if (YES.test(value)) return true;
      if (!NO.test(value)) problems.push(`row ${r + 1}: ${label} '${value}' is not yes or no`);
      return false;
    };
    profile.jwJz = flag(cell(c.jwJz), 'JW/JZ');
    profile.ndcRequired = flag(cell(c.ndcRequired), 'NDC required');
    const site = cell(c.siteModifier).toUpperCase();
    if (site === '59' || site === 'XS' || site === 'XU') profile.siteModifier = site;
    else if (site !== '' && site !== 'DEFAULT') problems.push(`row ${r + 1}: site modifier '${site}' is not 59, XS or XU`);
    const m340 = cell(c.modifier340b).toUpperCase();
    if (m340 === 'JG' || m340 === 'TB') profile.modifier340b = m340;
    else if (m340 !== '' && m340 !== 'NONE' && m340 !== 'NO') problems.push(`row ${r + 1}: 340B modifier '${m340}' is not JG, TB or none`);
    const form = words(cell(c.claimForm)).replace(/\s/g, '');
    if (form === 'ub04' || form === '837i' || form === 'institutional') profile.claimForm = 'UB-04';
    else if (form === 'cms1500' || form === 'hcfa' || form === '837p' || form === 'professional') profile.claimForm = 'CMS-1500';
    else if (form !== '' && form !== 'bysetting') problems.push(`row ${r + 1}: claim form '${cell(c.claimForm)}' is not UB-04, CMS-1500 or by-setting`);
    profiles.push(profile);
  }
  return { table: { info: { kind: 'payers', name, date: null, rows: profiles.length, skipped }, profiles }, problems };
}
