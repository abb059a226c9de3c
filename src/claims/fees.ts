/**
 * The practice's fee schedule or chargemaster: code, optional modifier, optional payer, amount per unit.
 * A payer's own price wins over the general one; a price for the line's modifier over the plain code.
 */
import type { CellValue } from '../rules/types';
import { words } from '../rules/vocabulary';
import { type ColumnSpec, decimalCommaColumn, editionOf, findHeader, money, procedureCode, SkippedRows, text, WrongTableError } from './header';
import type { TableInfo } from './tables';

export interface FeeSchedule {
  info: TableInfo;
  /** `code|modifier|payer words` -> dollars per unit ('' for no modifier / every payer). */
  prices: Map<string, number>;
}

export const FEE_COLUMNS = {
  code: {
    label: 'Code',
    names: ['code', 'cpthcpcs', 'hcpcscpt', 'cpt', 'hcpcs', 'cptcode', 'hcpcscode', 'procedurecode', 'chargecode', 'cdmcode', 'billingcode'],
    required: true,
  },
  modifier: { label: 'Modifier', names: ['modifier', 'mod', 'modifiers', 'mod1'], required: false },
  payer: { label: 'Payer', names: ['payer', 'payor', 'insurance', 'plan', 'financialclass'], required: false },
  amount: {
    label: 'Amount',
    names: ['amount', 'fee', 'price', 'charge', 'rate', 'allowed', 'allowedamount', 'feeamount', 'chargeamount', 'unitprice', 'payment', 'expectedpayment'],
    required: true,
  },
} satisfies Record<string, ColumnSpec>;

const key = (code: string, modifier: string, payer: string) => `${code}|${modifier}|${payer}`;

export function parseFeeSchedule(grid: readonly (readonly CellValue[])[], name: string): FeeSchedule {
  const hit = findHeader(grid, FEE_COLUMNS);
  if (!hit) throw new WrongTableError('a fee schedule', FEE_COLUMNS, grid);
  const c = hit.columns;
  const prices = new Map<string, number>();
  const skipped = new SkippedRows();
  const comma = decimalCommaColumn(grid.slice(hit.headerRow + 1).map((row) => row?.[c.amount!]));
  for (let r = hit.headerRow + 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const code = procedureCode(row[c.code!]);
    const amount = money(row[c.amount!], comma);
    if (!code || amount === null || amount < 0) {
      if (row.some((v) => text(v) !== '')) skipped.add(r, code ? `amount '${text(row[c.amount!])}' is not a price` : `'${text(row[c.code!])}' is not a CPT/HCPCS code`);
      continue;
    }
    const modifier = c.modifier === null ? '' : text(row[c.modifier]).toUpperCase();
    const payer = c.payer === null ? '' : words(text(row[c.payer]));
    const k = key(code, modifier, payer);
    if (prices.has(k)) {
      skipped.add(r, `${code}${modifier ? `-${modifier}` : ''}${payer ? ` for ${payer}` : ''} is listed again; the first row's price is used`);
      continue;
    }
    prices.set(k, amount);
  }
  return { info: { kind: 'fees', name, date: editionOf(grid.slice(0, hit.headerRow), name), rows: prices.size, skipped: skipped.count, problems: skipped.problems }, prices };
}

/** Per schedule: each claim payer's fee payers (memoised: asked once per claim line). */
const PAYERS_OF = new WeakMap<FeeSchedule, Map<string, readonly string[]>>();

/**
 * The schedule's payers for a claim's payer, matched as payer profiles are (payers.ts profileFor): every payer
 * name of the schedule found in the claim's payer as words, longest first, then '' (the general prices). So
 * `Aetna Medicare Advantage` tries the `Aetna Medicare` prices, then the `Aetna` ones, then the general ones.
 */
function payersOf(fees: FeeSchedule, payer: string): readonly string[] {
  let memo = PAYERS_OF.get(fees);
  if (!memo) {
    memo = new Map();
    PAYERS_OF.set(fees, memo);
  }
  const known = memo.get(payer);
  if (known !== undefined) return known;
  const claim = ` ${words(payer)} `;
  const names = new Set<string>();
  for (const k of fees.prices.keys()) {
    const name = k.slice(k.lastIndexOf('|') + 1);
    if (name !== '' && claim.includes(` ${name} `)) names.add(name);
  }
  const payers = [...[...names].sort((a, b) => b.length - a.length), ''];
  memo.set(payer, payers);
  return payers;
}

/**
 * Price per unit of a code for a payer: for each of its payers (payersOf), with the line's modifier, then plain;
 * null when the schedule has none.
 */
export function feeFor(fees: FeeSchedule, code: string, modifiers: readonly string[], payer: string): number | null {
  for (const who of payersOf(fees, payer)) {
    for (const m of modifiers) {
      const hit = fees.prices.get(key(code, m, who));
      if (hit !== undefined) return hit;
    }
    const plain = fees.prices.get(key(code, '', who));
    if (plain !== undefined) return plain;
  }
  return null;
}
