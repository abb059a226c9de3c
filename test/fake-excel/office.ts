/**
 * The fake host: Excel.run over a FakeWorkbook, and an `Office` global good enough for the task pane,
 * the ribbon commands and the custom-functions registration (jsdom tests and the browser test).
 */
import { FakeContextCore } from './context';
import { FakeWorkbook } from './model';
import { FakeApplication, FakeWorkbookObject } from './objects';

export interface FakeRequestContext {
  workbook: FakeWorkbookObject;
  application: FakeApplication;
  sync(): Promise<void>;
  trackedObjects: { add(o: unknown): void; remove(o: unknown): void };
}

export type FakeBatch<T> = (context: FakeRequestContext) => Promise<T>;

export interface FakeExcel {
  model: FakeWorkbook;
  /** Excel.run: a fresh context per call; pending operations are synced when the batch returns. */
  run<T>(batch: FakeBatch<T>): Promise<T>;
  run<T>(object: unknown, batch: FakeBatch<T>): Promise<T>;
}

export function createFakeExcel(model: FakeWorkbook = new FakeWorkbook()): FakeExcel {
  /** Contexts of earlier runs, for `run(context, batch)` (how an event handler added in one is removed). */
  const cores = new WeakMap<object, FakeContextCore>();
  async function run<T>(a: unknown, b?: unknown): Promise<T> {
    const batch = (typeof a === 'function' ? a : b) as FakeBatch<T>;
    const earlier = typeof a === 'object' && a !== null ? cores.get(a) : undefined;
    let core: FakeContextCore;
    let context: FakeRequestContext;
    if (earlier) {
      core = earlier;
      context = core.owner as FakeRequestContext;
      core.reopen();
    } else {
      core = new FakeContextCore(model);
      const workbook = new FakeWorkbookObject(core, model);
      context = { workbook, application: workbook.application, sync: () => core.sync(), trackedObjects: { add() {}, remove() {} } };
      core.owner = context;
      cores.set(context, core);
    }
    model.stats.runs += 1;
    try {
      const result = await batch(context);
      if (core.pending) await core.sync();
      return result;
    } finally {
      core.close();
    }
  }
  return { model, run: run as FakeExcel['run'] };
}

/** String enums the product may read from the Excel namespace. */
export const EXCEL_ENUMS = {
  ClearApplyTo: { all: 'All', formats: 'Formats', contents: 'Contents', hyperlinks: 'Hyperlinks', removeHyperlinks: 'RemoveHyperlinks' },
  FillPattern: { none: 'None', solid: 'Solid' },
  ConditionalFormatType: { custom: 'Custom', dataBar: 'DataBar', colorScale: 'ColorScale', iconSet: 'IconSet', cellValue: 'CellValue' },
  CalculationMode: { automatic: 'Automatic', manual: 'Manual' },
  ChartType: { columnClustered: 'ColumnClustered', pie: 'Pie', line: 'Line', barClustered: 'BarClustered' },
  ChartSeriesBy: { auto: 'Auto', columns: 'Columns', rows: 'Rows' },
  AggregationFunction: { sum: 'Sum', count: 'Count', automatic: 'Automatic' },
};

export interface FakeOfficeOptions {
  host?: 'Excel' | null;
  platform?: string;
  theme?: { bodyBackgroundColor: string; bodyForegroundColor: string; controlBackgroundColor: string; controlForegroundColor: string; isDarkTheme?: boolean };
}

export interface InstalledFakeOffice {
  excel: FakeExcel;
  /** Handlers registered with Office.actions.associate (ribbon commands). */
  actions: Map<string, (event: { completed(): void }) => unknown>;
  /** Custom functions registered with CustomFunctions.associate. */
  functions: Map<string, (...args: unknown[]) => unknown>;
  /** Calls of Office.addin.showAsTaskpane / hide. */
  addinCalls: string[];
  /** Runs a ribbon command as Excel would and resolves when it calls event.completed(). */
  invokeAction(id: string): Promise<void>;
}

/** Installs `Office`, `Excel` and `CustomFunctions` globals backed by the model. */
export function installFakeOffice(
  target: Record<string, unknown> = globalThis as unknown as Record<string, unknown>,
  model: FakeWorkbook = new FakeWorkbook(),
  options: FakeOfficeOptions = {},
): InstalledFakeOffice {
  const excel = createFakeExcel(model);
  const actions = new Map<string, (event: { completed(): void }) => unknown>();
  const functions = new Map<string, (...args: unknown[]) => unknown>();
  const addinCalls: string[] = [];
  const host = options.host === undefined ? 'Excel' : options.host;
  const info = { host, platform: host ? (options.platform ?? 'OfficeOnline') : null };
  const theme = options.theme ?? {
    bodyBackgroundColor: '#FFFFFF',
    bodyForegroundColor: '#000000',
    controlBackgroundColor: '#FFFFFF',
    controlForegroundColor: '#000000',
    isDarkTheme: false,
  };
  const office = {
    HostType: { Excel: 'Excel', Word: 'Word' },
    PlatformType: { PC: 'PC', OfficeOnline: 'OfficeOnline', Mac: 'Mac' },
    onReady(cb?: (i: typeof info) => void) {
      return new Promise<typeof info>((resolve) => {
        setTimeout(() => {
          cb?.(info);
          resolve(info);
        }, 0);
      });
    },
    context: {
      host: host ?? undefined,
      displayLanguage: 'en-US',
      officeTheme: theme,
      requirements: {
        isSetSupported(name: string, version?: string | number) {
          if (!host) return false;
          const v = Number(String(version ?? '1.1').split('.')[1] ?? 1);
          if (name === 'ExcelApi') return v <= model.apiVersion;
          if (name === 'SharedRuntime' || name === 'RibbonApi' || name === 'CustomFunctionsRuntime') return true;
          return false;
        },
      },
    },
    actions: {
      associate(id: string, fn: (event: { completed(): void }) => unknown) {
        actions.set(id, fn);
      },
    },
    addin: {
      showAsTaskpane: async () => {
        addinCalls.push('showAsTaskpane');
      },
      hide: async () => {
        addinCalls.push('hide');
      },
      onVisibilityModeChanged: async () => () => undefined,
    },
  };
  target.Office = office;
  target.Excel = { run: excel.run, ...EXCEL_ENUMS };
  target.CustomFunctions = {
    associate(id: string, fn: (...args: unknown[]) => unknown) {
      functions.set(id, fn);
    },
    Error: class extends Error {
      constructor(
        readonly code: string,
        message?: string,
      ) {
        super(message ?? code);
      }
    },
    ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A', invalidNumber: '#NUM!', nullReference: '#NULL!' },
  };
  return {
    excel,
    actions,
    functions,
    addinCalls,
    invokeAction(id: string) {
      const fn = actions.get(id);
      if (!fn) return Promise.reject(new Error(`no action ${id} registered`));
      return new Promise<void>((resolve, reject) => {
        try {
          Promise.resolve(fn({ completed: () => resolve() })).catch(reject);
        } catch (e) {
          reject(e);
        }
      });
    },
  };
}
