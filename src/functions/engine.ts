/**
 * The one door from the custom functions to the coding: the block form codes through the pipeline, the line
 * forms through the rules, both with the options, drug map and MUE table of the current function context.
 */
import type { PipelineSettings, Tables } from '../pipeline';
import { codeRows } from '../rules';
import type { CodingResult, InputRow } from '../rules/types';
import { getFunctionContext } from '../runtime/functionContext';

/** The settings and tables of the current function context, as the pipeline takes them. */
export function functionRun(): { settings: PipelineSettings; tables: Tables } {
  const ctx = getFunctionContext();
  return { settings: { options: ctx.options }, tables: { catalog: ctx.catalog ?? undefined, mue: ctx.mue ?? undefined } };
}

export function runRules(rows: InputRow[]): CodingResult {
  const { settings, tables } = functionRun();
  return codeRows(rows, settings.options, tables);
}
