import { flagsColumnFor, isOurRule, planFlags } from './marks';
import { DERIVED_HEADERS } from './plan';
import type { DetectedTable, WritePlan } from './types';

// Header in row 2; user columns A:D (Encounter, Drug, Start, Stop); the derived block from E, so IC
// Findings is K and IC Flags goes in M.
const plan = (highlights: WritePlan['highlights'], over: Partial<WritePlan> = {}) => ({
  headerRow: 2,
  firstColumn: 5,
  headers: [...DERIVED_HEADERS],
  lastRow: 9,
  highlights,
  ...over,
});
const table: Pick<DetectedTable, 'mapping'> = { mapping: { encounter: 1, drug: 2, start: 3, stop: 4 } };

describe('planFlags', () => {
  it('names each highlighted cell in its row’s flags by field (or findings, or letters), the worse severity winning', () => {
    const flags = planFlags(
      plan([
        { row: 3, column: 4, fill: 'warning' },
        { row: 3, column: 4, fill: 'error' },
        { row: 3, column: 11, fill: 'error' },
        { row: 5, column: 2, fill: 'warning' },
        { row: 6, column: 20, fill: 'warning' }, // a column no field maps
        { row: 2, column: 2, fill: 'error' }, // the header row: not a data row
        { row: 10, column: 2, fill: 'error' }, // below the plan
      ]),
      table,
    );
    expect(flags.column).toBe(5 + DERIVED_HEADERS.length);
    expect([...flags.rows]).toEqual([
      [3, 'E:findings E:stop'],
      [5, 'W:drug'],
      [6, 'W:colT'],
    ]);
  });

  it('makes one rule per column and severity over the rows below the header, warnings first so errors win', () => {
    const flags = planFlags(
      plan([
        { row: 3, column: 4, fill: 'error' },
        { row: 7, column: 4, fill: 'error' },
        { row: 4, column: 4, fill: 'warning' },
        { row: 5, column: 2, fill: 'warning' },
        { row: 6, column: 2, fill: 'error' },
      ]),
      table,
    );
    expect(flags.rules.map((r) => [r.column, r.fill, r.token, r.firstRow, r.lastRow, r.formula])).toEqual([
      [2, 'warning', 'W:drug', 3, 9, '=ISNUMBER(SEARCH(" W:drug "," "&$M3&" "))'],
      [4, 'warning', 'W:stop', 3, 9, '=ISNUMBER(SEARCH(" W:stop "," "&$M3&" "))'],
      [2, 'error', 'E:drug', 3, 9, '=ISNUMBER(SEARCH(" E:drug "," "&$M3&" "))'],
      [4, 'error', 'E:stop', 3, 9, '=ISNUMBER(SEARCH(" E:stop "," "&$M3&" "))'],
    ]);
    for (const r of flags.rules) expect(isOurRule(r.formula)).toBe(true);
  });

  it('reads the flags wherever they are put, and has no rule without a highlight', () => {
    const flags = planFlags(plan([{ row: 3, column: 4, fill: 'error' }]), table, 30);
    expect(flags.column).toBe(30);
    expect(flags.rules[0].formula).toBe('=ISNUMBER(SEARCH(" E:stop "," "&$AD3&" "))');
    expect(planFlags(plan([]), table)).toEqual({ column: 13, rows: new Map(), rules: [] });
  });
});

describe('flagsColumnFor', () => {
  const block = { firstColumn: 5, headers: [...DERIVED_HEADERS] };
  const beside = 5 + DERIVED_HEADERS.length;

  it('puts the flags right of the derived columns when nothing of the user’s is there or beyond', () => {
    expect(flagsColumnFor(block, { derivedColumns: new Map(), lastUserColumn: 4 })).toBe(beside);
  });

  it('reuses an earlier IC Flags column there, even with user columns further right', () => {
    expect(flagsColumnFor(block, { derivedColumns: new Map([['IC Flags', beside]]), lastUserColumn: beside + 2 })).toBe(beside);
  });

  it('goes right of the user’s columns when one may sit beside the block (an earlier copy had no flags)', () => {
    expect(flagsColumnFor(block, { derivedColumns: new Map([['IC CPT', 5]]), lastUserColumn: beside })).toBe(beside + 1);
    expect(flagsColumnFor(block, { derivedColumns: new Map(), lastUserColumn: beside + 3 })).toBe(beside + 4);
  });
});
