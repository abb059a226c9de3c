/**
 * Report support for the fake Excel (kept apart from objects.ts): PivotTables and charts modelled deeply
 * enough to assert their source, rows, columns and values, plus table `name` / `style` setters and a log of
 * number formats. `installReportObjects()` patches the fake's classes once; tests read the results with
 * `reportObjects(sheet)`.
 *
 * Like Excel: a PivotTable needs ExcelApi 1.8 (ApiNotFound otherwise), its source must be a table or a range
 * with headers, `hierarchies.getItem(name)` fails for a field the source does not have, names are unique in
 * the workbook, and a pivot or chart goes with its sheet.
 */
import { FakeOfficeError, jsonBytes, type FakeContextCore } from './context';
import { fullAddress, parseArea, splitSheet } from './address';
import type { FakeSheet, FakeWorkbook, Rect } from './model';
import { FakeRange, FakeTable, FakeWorksheet, recorder } from './objects';

export interface FakePivotSource {
  sheet: string;
  rect: Rect;
  /** Table name when the source was a table. */
  table: string | null;
  /** The source's header row (the pivot's fields). */
  fields: string[];
}

export interface FakeDataHierarchy {
  field: string;
  summarizeBy: string;
  name: string | null;
}

export interface FakePivot {
  name: string;
  source: FakePivotSource;
  destination: { sheet: string; rect: Rect };
  rows: string[];
  columns: string[];
  filters: string[];
  values: FakeDataHierarchy[];
  layout: Record<string, unknown>;
}

export interface FakeChart {
  type: string;
  seriesBy: string;
  source: { sheet: string; rect: Rect; address: string };
  name: string | null;
  title: string | null;
  position: { start: string; end: string | null } | null;
  /** Other property sets and calls (axes, legend...), as path = value. */
  props: { path: string; method: string; args: unknown[] }[];
}

export interface NumberFormatWrite {
  sheet: string;
  rect: Rect;
  /** The formats set (a 2-D array, or one value for the whole range). */
  formats: unknown;
}

interface SheetObjects {
  pivots: FakePivot[];
  charts: FakeChart[];
}

const bySheet = new WeakMap<FakeSheet, SheetObjects>();
const numberFormats = new WeakMap<FakeWorkbook, NumberFormatWrite[]>();
const styles = new WeakMap<object, string>();

/** PivotTables and charts currently on a sheet. */
export function reportObjects(sheet: FakeSheet): SheetObjects {
  let o = bySheet.get(sheet);
  if (!o) bySheet.set(sheet, (o = { pivots: [], charts: [] }));
  return o;
}

/** Every numberFormat set on a range of the workbook, in order. */
export function numberFormatWrites(model: FakeWorkbook): NumberFormatWrite[] {
  let list = numberFormats.get(model);
  if (!list) numberFormats.set(model, (list = []));
  return list;
}

/** The style set on a table of the model (by the table record). */
export function tableStyle(table: object): string | undefined {
  return styles.get(table);
}

function invalid(message: string): FakeOfficeError {
  return new FakeOfficeError('InvalidArgument', `The argument is invalid or missing or has an incorrect format. ${message}`);
}

function enqueue(ctx: FakeContextCore, what: string, args: unknown, exec: () => unknown): void {
  ctx.enqueue({ what, bytes: 48 + what.length + jsonBytes(args), exec });
}

type Internal = {
  context: FakeContextCore;
  _path: string;
  model: FakeWorkbook;
  sheet(): FakeSheet;
  table(): import('./model').FakeTable;
  target(): { sheet: FakeSheet; rect: Rect };
};
const internal = (o: unknown) => o as Internal;

/** Tables whose sheet was deleted leave the model (Excel deletes a sheet's tables with it). */
function purgeDeadTables(model: FakeWorkbook): void {
  for (let i = model.tables.length - 1; i >= 0; i--) {
    if (!model.sheetById(model.tables[i].sheetId)) model.tables.splice(i, 1);
  }
}

function headerRow(sheet: FakeSheet, rect: Rect): string[] {
  return sheet.getBlock({ ...rect, bottom: rect.top })[0].map((v) => String(v));
}

/** The pivot source at execution time: a table, a range, or an address / table name string. */
function resolveSource(model: FakeWorkbook, source: unknown, scope: FakeSheet): FakePivotSource {
  purgeDeadTables(model);
  if (source instanceof FakeTable) {
    const t = internal(source).table();
    const sheet = model.sheetById(t.sheetId);
    if (!sheet) throw invalid('the source table has no sheet');
    return { sheet: sheet.name, rect: t.rect, table: t.name, fields: headerRow(sheet, t.rect) };
  }
  if (source instanceof FakeRange) {
    const { sheet, rect } = internal(source).target();
    return { sheet: sheet.name, rect, table: null, fields: headerRow(sheet, rect) };
  }
  if (typeof source === 'string') {
    const table = model.tables.find((t) => t.name.toLowerCase() === source.toLowerCase());
    if (table) {
      const sheet = model.sheetById(table.sheetId)!;
      return { sheet: sheet.name, rect: table.rect, table: table.name, fields: headerRow(sheet, table.rect) };
    }
    const { sheet: name, local } = splitSheet(source);
    const sheet = name ? model.sheet(name) : scope;
    if (!sheet) throw invalid(`no sheet for ${source}`);
    const rect = parseArea(local);
    return { sheet: sheet.name, rect, table: null, fields: headerRow(sheet, rect) };
  }
  throw invalid('the PivotTable source must be a Range, a Table or an address');
}

function resolveDestination(model: FakeWorkbook, dest: unknown, scope: FakeSheet): { sheet: string; rect: Rect } {
  if (dest instanceof FakeRange) {
    const { sheet, rect } = internal(dest).target();
    return { sheet: sheet.name, rect };
  }
  if (typeof dest === 'string') {
    const { sheet: name, local } = splitSheet(dest);
    const sheet = name ? model.sheet(name) : scope;
    if (!sheet) throw invalid(`no sheet for ${dest}`);
    return { sheet: sheet.name, rect: parseArea(local) };
  }
  throw invalid('the PivotTable destination must be a Range or an address');
}

function allPivots(model: FakeWorkbook): FakePivot[] {
  return model.sheets.flatMap((s) => reportObjects(s).pivots);
}

/** A hierarchy handle: the field name, checked against the source when the batch runs. */
interface HierarchyHandle {
  __field: string;
}

function hierarchyCollection(ctx: FakeContextCore, path: string, pivot: () => FakePivot, list: (p: FakePivot) => string[]) {
  return {
    add(h: HierarchyHandle): HierarchyHandle {
      enqueue(ctx, `${path}.add`, h.__field, () => {
        const p = pivot();
        if (list(p).includes(h.__field)) throw invalid(`${h.__field} is already in ${path}`);
        list(p).push(h.__field);
        return undefined;
      });
      return h;
    },
  };
}

function pivotProxy(ctx: FakeContextCore, path: string, pivot: () => FakePivot) {
  return {
    hierarchies: {
      getItem(name: string): HierarchyHandle {
        enqueue(ctx, `${path}.hierarchies.getItem`, name, () => {
          if (!pivot().source.fields.includes(name)) {
            throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist. (PivotHierarchy '${name}')`);
          }
          return undefined;
        });
        return { __field: name };
      },
    },
    rowHierarchies: hierarchyCollection(ctx, `${path}.rowHierarchies`, pivot, (p) => p.rows),
    columnHierarchies: hierarchyCollection(ctx, `${path}.columnHierarchies`, pivot, (p) => p.columns),
    filterHierarchies: hierarchyCollection(ctx, `${path}.filterHierarchies`, pivot, (p) => p.filters),
    dataHierarchies: {
      add(h: HierarchyHandle) {
        const d: FakeDataHierarchy = { field: h.__field, summarizeBy: 'Automatic', name: null };
        enqueue(ctx, `${path}.dataHierarchies.add`, h.__field, () => {
          pivot().values.push(d);
          return undefined;
        });
        return {
          set summarizeBy(v: string) {
            enqueue(ctx, `${path}.dataHierarchies.summarizeBy`, v, () => ((d.summarizeBy = v), undefined));
          },
          set name(v: string) {
            enqueue(ctx, `${path}.dataHierarchies.name`, v, () => ((d.name = v), undefined));
          },
        };
      },
    },
    layout: new Proxy(
      {},
      {
        set(_t, prop, value) {
          enqueue(ctx, `${path}.layout.${String(prop)}`, value, () => ((pivot().layout[String(prop)] = value), undefined));
          return true;
        },
      },
    ),
    delete() {
      enqueue(ctx, `${path}.delete`, null, () => {
        const p = pivot();
        for (const sheet of ctx.model.sheets) {
          const list = reportObjects(sheet).pivots;
          const i = list.indexOf(p);
          if (i >= 0) list.splice(i, 1);
        }
        return undefined;
      });
    },
  };
}

function pivotCollection(ws: FakeWorksheet) {
  const w = internal(ws);
  const ctx = w.context;
  const path = `${w._path}.pivotTables`;
  return {
    add(name: string, source: unknown, destination: unknown) {
      let created: FakePivot | null = null;
      enqueue(ctx, `${path}.add`, name, () => {
        const model = w.model;
        if (model.apiVersion < 8) throw new FakeOfficeError('ApiNotFound', 'The API you are trying to use could not be found. (ExcelApi 1.8)');
        const sheet = w.sheet();
        if (allPivots(model).some((p) => p.name.toLowerCase() === name.toLowerCase())) throw invalid(`a PivotTable named ${name} exists`);
        const src = resolveSource(model, source, sheet);
        if (src.fields.some((f) => f === '')) throw invalid('the PivotTable source needs a header in every column');
        created = { name, source: src, destination: resolveDestination(model, destination, sheet), rows: [], columns: [], filters: [], values: [], layout: {} };
        reportObjects(sheet).pivots.push(created);
        return undefined;
      });
      return pivotProxy(ctx, `${path}.add(${JSON.stringify(name)})`, () => {
        if (!created) throw invalid('the PivotTable was not created');
        return created;
      });
    },
    getItem(name: string) {
      return pivotProxy(ctx, `${path}.getItem(${JSON.stringify(name)})`, () => {
        const p = reportObjects(w.sheet()).pivots.find((x) => x.name === name);
        if (!p) throw new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist. (PivotTable ${name})`);
        return p;
      });
    },
  };
}

function chartCollection(ws: FakeWorksheet) {
  const w = internal(ws);
  const ctx = w.context;
  const path = `${w._path}.charts`;
  return {
    add(type: string, source: unknown, seriesBy = 'Auto') {
      const chart: FakeChart = { type, seriesBy, source: { sheet: '', rect: { top: 1, left: 1, bottom: 1, right: 1 }, address: '' }, name: null, title: null, position: null, props: [] };
      enqueue(ctx, `${path}.add`, [type, seriesBy], () => {
        if (!(source instanceof FakeRange)) throw invalid('the chart source must be a Range');
        const { sheet, rect } = internal(source).target();
        chart.source = { sheet: sheet.name, rect, address: fullAddress(sheet.name, rect) };
        reportObjects(w.sheet()).charts.push(chart);
        return undefined;
      });
      const rest = recorder(`${path}.add()`, chart.props as never) as Record<string, unknown>;
      return new Proxy(
        {},
        {
          get(_t, prop) {
            if (prop === 'title') {
              return new Proxy(
                {},
                {
                  set(_x, p, v) {
                    if (p === 'text') enqueue(ctx, `${path}.title.text`, v, () => ((chart.title = String(v)), undefined));
                    return true;
                  },
                  get(_x, p) {
                    return (recorder(`${path}.add().title`, chart.props as never) as Record<string | symbol, unknown>)[p];
                  },
                },
              );
            }
            if (prop === 'setPosition') {
              return (start: string, end?: string) =>
                enqueue(ctx, `${path}.setPosition`, [start, end], () => ((chart.position = { start, end: end ?? null }), undefined));
            }
            return rest[prop as string];
          },
          set(_t, prop, value) {
            if (prop === 'name') enqueue(ctx, `${path}.name`, value, () => ((chart.name = String(value)), undefined));
            else rest[prop as string] = value;
            return true;
          },
        },
      );
    },
  };
}

let installed = false;

/** Patches the fake once: PivotTables and charts modelled here, table name/style setters, number-format log. */
export function installReportObjects(): void {
  if (installed) return;
  installed = true;
  Object.defineProperty(FakeWorksheet.prototype, 'pivotTables', {
    configurable: true,
    get(this: FakeWorksheet) {
      return pivotCollection(this);
    },
  });
  Object.defineProperty(FakeWorksheet.prototype, 'charts', {
    configurable: true,
    get(this: FakeWorksheet) {
      return chartCollection(this);
    },
  });

  const nameDesc = Object.getOwnPropertyDescriptor(FakeTable.prototype, 'name');
  if (nameDesc && !nameDesc.set) {
    Object.defineProperty(FakeTable.prototype, 'name', {
      configurable: true,
      get: nameDesc.get,
      set(this: FakeTable, v: string) {
        const t = internal(this);
        enqueue(t.context, `${t._path}.name`, v, () => {
          purgeDeadTables(t.model);
          const table = t.table();
          if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(v)) throw invalid(`'${v}' is not a valid table name`);
          if (t.model.tables.some((x) => x !== table && x.name.toLowerCase() === v.toLowerCase())) {
            throw new FakeOfficeError('InvalidArgument', `A table named ${v} already exists.`);
          }
          table.name = v;
          return undefined;
        });
      },
    });
  }
  if (!Object.getOwnPropertyDescriptor(FakeTable.prototype, 'style')) {
    Object.defineProperty(FakeTable.prototype, 'style', {
      configurable: true,
      set(this: FakeTable, v: string) {
        const t = internal(this);
        enqueue(t.context, `${t._path}.style`, v, () => (styles.set(t.table(), v), undefined));
      },
    });
  }

  const fmtDesc = Object.getOwnPropertyDescriptor(FakeRange.prototype, 'numberFormat');
  if (fmtDesc?.set) {
    const original = fmtDesc.set;
    Object.defineProperty(FakeRange.prototype, 'numberFormat', {
      configurable: true,
      get: fmtDesc.get,
      set(this: FakeRange, v: unknown) {
        original.call(this, v);
        const r = internal(this);
        enqueue(r.context, `${r._path}.numberFormat(log)`, null, () => {
          const { sheet, rect } = r.target();
          if (Array.isArray(v) && (v.length !== rect.bottom - rect.top + 1 || v.some((l) => !Array.isArray(l) || l.length !== rect.right - rect.left + 1))) {
            throw invalid("The number of rows or columns in the input array doesn't match the size or dimensions of the range.");
          }
          numberFormatWrites(sheet.workbook).push({ sheet: sheet.name, rect, formats: v });
          return undefined;
        });
      },
    });
  }
}
