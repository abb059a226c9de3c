/**
 * The one door to Office.js: how a batch runs (Excel.run, or a fake in tests) and which API sets the host has.
 * Everything else in src/excel takes an ExcelHost, so it never reads the Office or Excel globals itself.
 */

export type Batch<T> = (context: Excel.RequestContext) => Promise<T>;

export interface ExcelHost {
  run<T>(batch: Batch<T>): Promise<T>;
  /**
   * Runs a batch in the request context of an earlier batch (`Excel.run(context, batch)`): an event handler
   * is removed in the context that added it.
   */
  runIn<T>(context: Excel.RequestContext, batch: Batch<T>): Promise<T>;
  /** True when the host supports ExcelApi 1.<minor>. */
  supports(minor: number): boolean;
}

interface OfficeLike {
  context?: { requirements?: { isSetSupported(name: string, version?: string): boolean } };
}

/** The real host: the Excel and Office globals Office.js defines (or a fake that stands in for them). */
export function officeHost(): ExcelHost {
  return {
    run<T>(batch: Batch<T>): Promise<T> {
      return Excel.run(batch);
    },
    runIn<T>(context: Excel.RequestContext, batch: Batch<T>): Promise<T> {
      return Excel.run(context, batch);
    },
    supports(minor: number): boolean {
      const office = (globalThis as { Office?: OfficeLike }).Office;
      try {
        return Boolean(office?.context?.requirements?.isSetSupported('ExcelApi', `1.${minor}`));
      } catch {
        return false;
      }
    },
  };
}

/** An Excel.run-like function: `run(batch)`, and `run(context, batch)` for a context of an earlier batch. */
type RunLike = (batchOrContext: unknown, batch?: unknown) => Promise<unknown>;

/** A host over any Excel.run-like function (tests pass the fake's run). */
export function hostFrom(run: RunLike, apiMinor = 18): ExcelHost {
  return {
    run: <T>(batch: Batch<T>) => run(batch) as Promise<T>,
    runIn: <T>(context: Excel.RequestContext, batch: Batch<T>) => run(context, batch) as Promise<T>,
    supports: (minor: number) => minor <= apiMinor,
  };
}

/** Counts the syncs of a context from now on (the fake counts too; this is what the pane reports). */
export function countSyncs(context: Excel.RequestContext): () => number {
  let n = 0;
  const sync = context.sync.bind(context);
  (context as { sync: typeof context.sync }).sync = ((passThroughValue?: unknown) => {
    n += 1;
    return sync(passThroughValue);
  }) as typeof context.sync;
  return () => n;
}
