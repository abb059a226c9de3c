/**
 * The one door from the custom functions to the rules module: every function codes through
 * `codeRows` with the options, drug map and MUE table of the current function context.
 */
import { codeRows } from '../rules';
import type { CodingResult, InputRow } from '../rules/types';
import { getFunctionContext } from './context';

export function runRules(rows: InputRow[]): CodingResult {
  const ctx = getFunctionContext();
  return codeRows(rows, ctx.options, { catalog: ctx.catalog ?? undefined, mue: ctx.mue ?? undefined });
}
