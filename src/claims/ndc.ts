/**
 * NDCs on claims: the 11-digit 5-4-2 form (a 10-digit NDC written 4-4-2, 5-3-2 or 5-4-1 gets a leading zero
 * in its short segment), and the claim's NDC line: `N4` + 11 digits + unit qualifier + quantity
 * (837 / UB-04 FL43 / CMS-1500 item 24 shaded area).
 */
import type { CellValue } from '../rules/types';
import { text } from './header';

/** The 11-digit form of an NDC, or null when the text is not one (10 digits without dashes are ambiguous). */
export function normalizeNdc(v: CellValue | undefined): string | null {
  const t = (typeof v === 'number' ? String(v).padStart(11, '0') : text(v)).replace(/^N4/i, '').replace(/\s/g, '');
  if (/^\d{11}$/.test(t)) return t;
  const m = /^(\d{4,5})[-*](\d{3,4})[-*](\d{1,2})$/.exec(t);
  if (!m) return null;
  const [, labeler, product, pack] = m;
  const digits = labeler.length + product.length + pack.length;
  if (digits === 11) return labeler + product + pack;
  if (digits !== 10) return null;
  return labeler.padStart(5, '0') + product.padStart(4, '0') + pack.padStart(2, '0');
}

/** NDC unit qualifiers of the claim: international unit, gram, milligram, millilitre, unit (each). */
export type NdcQualifier = 'F2' | 'GR' | 'ME' | 'ML' | 'UN';

/** The quantity as claims write it: at most 3 decimals, no trailing zeros. */
export function ndcQuantity(quantity: number): string {
  return String(Math.round(quantity * 1000) / 1000);
}

/** `N4` + NDC + qualifier + quantity, e.g. `N400409490234ML2`. */
export function ndcClaimLine(ndc11: string, qualifier: NdcQualifier, quantity: number): string {
  return `N4${ndc11}${qualifier}${ndcQuantity(quantity)}`;
}
