/**
 * What the custom functions code with: the options, the user's drug map and the MUE table the task pane
 * saved in the workbook. The functions share one runtime with the task pane, so the pane calls
 * `setFunctionContext` after loading (or changing) the workbook's settings; until then the functions use
 * the built-in catalog, the built-in MUE values and the default options of RULES.md.
 */
import { DrugCatalog } from '../rules/catalog/catalog';
import type { DrugEntry } from '../rules/catalog/catalog';
import { DEFAULT_OPTIONS, resolveOptions } from '../rules/options';
import type { CodingOptions } from '../rules/options';

export interface FunctionContextInput {
  /** Saved options (any shape: checked here, bad fields fall back to their defaults). */
  options?: unknown;
  /** The catalog to use (built-in plus the user's drug map), or just the drug map's entries. */
  catalog?: DrugCatalog | DrugEntry[] | null;
  /** The user's MUE table (code -> units), replacing the built-in values; null for the built-in ones. */
  mue?: Map<string, number> | null;
}

export interface FunctionContext {
  options: CodingOptions;
  /** Null means the built-in catalog. */
  catalog: DrugCatalog | null;
  /** Null means the built-in MUE values. */
  mue: Map<string, number> | null;
  /** Increases on every change, so cached results of an older context are never reused. */
  generation: number;
}

let current: FunctionContext = { options: DEFAULT_OPTIONS, catalog: null, mue: null, generation: 0 };

/**
 * Called by the task pane with what it loaded from the workbook. Fields left out keep their current
 * value; pass `null` to go back to the built-in catalog or MUE table. Excel does not recalculate
 * formulas by itself when this changes: the caller asks for a recalculation afterwards.
 */
export function setFunctionContext(input: FunctionContextInput): FunctionContext {
  const next: FunctionContext = { ...current, generation: current.generation + 1 };
  if (input.options !== undefined) next.options = resolveOptions(input.options);
  if (input.catalog !== undefined) {
    next.catalog = Array.isArray(input.catalog)
      ? DrugCatalog.builtIn().withEntries(input.catalog)
      : (input.catalog ?? null);
  }
  if (input.mue !== undefined) next.mue = input.mue && input.mue.size > 0 ? new Map(input.mue) : null;
  current = next;
  return current;
}

/** Back to the built-in catalog, MUE values and default options (a workbook without saved settings). */
export function resetFunctionContext(): FunctionContext {
  current = { options: DEFAULT_OPTIONS, catalog: null, mue: null, generation: current.generation + 1 };
  return current;
}

export function getFunctionContext(): FunctionContext {
  return current;
}

/** The catalog in force: the user's, else the built-in one. */
export function activeCatalog(): DrugCatalog {
  return current.catalog ?? DrugCatalog.builtIn();
}
