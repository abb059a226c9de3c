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

/**
 * The context lives on the global object, not in this module: webpack gives each entry point (task pane,
 * functions) its own copy of a shared module unless the build uses a single runtime chunk, and the
 * task pane's copy must reach the functions' copy in the one shared runtime.
 */
const KEY = Symbol.for('infusion-coder.functions.context');
interface Holder {
  current: FunctionContext;
}

function holder(): Holder {
  const global = globalThis as unknown as Record<symbol, Holder | undefined>;
  let h = global[KEY];
  if (!h) {
    h = { current: { options: DEFAULT_OPTIONS, catalog: null, mue: null, generation: 0 } };
    global[KEY] = h;
  }
  return h;
}

/**
 * Called by the task pane with what it loaded from the workbook. Fields left out keep their current
 * value; pass `null` to go back to the built-in catalog or MUE table. Excel does not recalculate
 * formulas by itself when this changes: the caller asks for a recalculation afterwards.
 */
export function setFunctionContext(input: FunctionContextInput): FunctionContext {
  const h = holder();
  const next: FunctionContext = { ...h.current, generation: h.current.generation + 1 };
  if (input.options !== undefined) next.options = resolveOptions(input.options);
  if (input.catalog !== undefined) {
    next.catalog = Array.isArray(input.catalog)
      ? DrugCatalog.builtIn().withEntries(input.catalog)
      : (input.catalog ?? null);
  }
  if (input.mue !== undefined) next.mue = input.mue && input.mue.size > 0 ? new Map(input.mue) : null;
  h.current = next;
  return next;
}

/** Back to the built-in catalog, MUE values and default options (a workbook without saved settings). */
export function resetFunctionContext(): FunctionContext {
  const h = holder();
  h.current = { options: DEFAULT_OPTIONS, catalog: null, mue: null, generation: h.current.generation + 1 };
  return h.current;
}

export function getFunctionContext(): FunctionContext {
  return holder().current;
}

/** The catalog in force: the user's, else the built-in one. */
export function activeCatalog(): DrugCatalog {
  return holder().current.catalog ?? DrugCatalog.builtIn();
}
