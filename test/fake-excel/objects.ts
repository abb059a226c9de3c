/**
 * Proxy objects of the fake Excel API. Like Office.js: every method or property set is queued and runs on
 * sync(); a property can be read only after load() and sync() (else PropertyNotLoaded); *OrNullObject
 * methods give objects whose isNullObject is known after a sync; objects live only inside their Excel.run.
 */
import {
  cellCount,
  FakeAddressError,
  fullAddress,
  intersect,
  localAddress,
  MAX_COLUMNS,
  MAX_ROWS,
  parseArea,
  parseAreas,
  splitSheet,
} from './address';
import { ACTION_OVERHEAD_BYTES, FakeContextCore, FakeOfficeError, jsonBytes } from './context';
import { FakeClientObject, FakeClientResult, FakeCollection, invalid, notFound } from './base';
import { FakeConditionalFormatCollection } from './conditionalFormats';
import { columnLetters } from '../../src/sheet/columns';
export { FakeClientObject, FakeClientResult, FakeCollection, loadNames } from './base';
import type {
  FakeComment,
  FakeSheet,
  FakeValue,
  FakeWorkbook,
  RecordedCall,
  RecordedObject,
  Rect,
} from './model';

/** An event of the fake (`onActivated`, `onSelectionChanged`): add a handler, remove it later. */
export interface FakeEvent<A> {
  add(handler: (args: A) => unknown): { context: unknown; remove(): void };
}

/* ---------------------------------------------------------------- ranges */

interface RangeTarget {
  sheet: FakeSheet;
  rect: Rect;
}

const FILL_NONE = '#FFFFFF';

export class FakeRangeFill extends FakeClientObject {
  constructor(
    ctx: FakeContextCore,
    path: string,
    private readonly targets: () => RangeTarget[],
  ) {
    super(ctx, path);
  }
  protected scalarNames() {
    return ['color', 'pattern'];
  }
  protected getScalar(name: string) {
    const colors = new Set<string>();
    const patterns = new Set<string>();
    for (const { sheet, rect } of this.targets()) {
      for (let r = rect.top; r <= rect.bottom; r++) {
        for (let c = rect.left; c <= rect.right; c++) {
          const f = sheet.fill(r, c);
          colors.add(f ? f.color : FILL_NONE);
          patterns.add(f ? f.pattern : 'None');
        }
      }
    }
    const set = name === 'color' ? colors : patterns;
    return set.size === 1 ? [...set][0] : null;
  }
  get color(): string {
    return this.read('color') as string;
  }
  set color(value: string) {
    this.enqueue('color', value, () => {
      const color = normalizeColor(value);
      for (const { sheet, rect } of this.targets()) eachCell(rect, (r, c) => sheet.setFill(r, c, { color, pattern: 'Solid' }));
      return undefined;
    });
  }
  get pattern(): string {
    return this.read('pattern') as string;
  }
  set pattern(value: string) {
    this.enqueue('pattern', value, () => {
      for (const { sheet, rect } of this.targets()) {
        eachCell(rect, (r, c) => {
          if (value === 'None') sheet.setFill(r, c, null);
          else sheet.setFill(r, c, { color: sheet.fill(r, c)?.color ?? '#000000', pattern: value });
        });
      }
      return undefined;
    });
  }
  clear(): void {
    this.enqueue('clear', null, () => {
      for (const { sheet, rect } of this.targets()) eachCell(rect, (r, c) => sheet.setFill(r, c, null));
      return undefined;
    });
  }
}

function normalizeColor(value: string): string {
  const named: Record<string, string> = { red: '#FF0000', yellow: '#FFFF00', white: '#FFFFFF', black: '#000000' };
  const v = named[value.toLowerCase()] ?? value;
  if (!/^#[0-9a-fA-F]{6}$/.test(v)) throw invalid(`'${value}' is not a colour`);
  return v.toUpperCase();
}

function eachCell(rect: Rect, fn: (r: number, c: number) => void): void {
  if (cellCount(rect) > 5_000_000) throw invalid('the fake does not format more than 5,000,000 cells at once');
  for (let r = rect.top; r <= rect.bottom; r++) for (let c = rect.left; c <= rect.right; c++) fn(r, c);
}

/** A generic recorder for objects the fake does not model (fonts, borders, pivot tables, charts). */
export function recorder(path: string, calls: RecordedCall[]): unknown {
  const handler: ProxyHandler<object> = {
    get(_t, prop) {
      if (prop === 'then') return undefined;
      if (prop === 'toJSON') return () => ({ path });
      if (prop === 'load') return () => recorder(path, calls);
      if (typeof prop === 'symbol') return undefined;
      const childPath = `${path}.${prop}`;
      const fn = (...args: unknown[]) => {
        calls.push({ path, method: prop, args });
        return recorder(`${childPath}()`, calls);
      };
      return new Proxy(fn, {
        get(_f, p2) {
          return (recorder(childPath, calls) as Record<string | symbol, unknown>)[p2];
        },
        set(_f, p2, value) {
          calls.push({ path: childPath, method: `set ${String(p2)}`, args: [value] });
          return true;
        },
        apply(_f, _this, args: unknown[]) {
          return fn(...args);
        },
      });
    },
    set(_t, prop, value) {
      calls.push({ path, method: `set ${String(prop)}`, args: [value] });
      return true;
    },
  };
  return new Proxy({}, handler);
}

export class FakeRangeFormat extends FakeClientObject {
  readonly fill: FakeRangeFill;
  constructor(
    ctx: FakeContextCore,
    path: string,
    private readonly targets: () => RangeTarget[],
    private readonly model: FakeWorkbook,
  ) {
    super(ctx, path);
    this.fill = new FakeRangeFill(ctx, `${path}.fill`, targets);
  }
  protected scalarNames() {
    return ['columnWidth', 'rowHeight', 'wrapText', 'horizontalAlignment'];
  }
  protected getScalar(name: string) {
    const t = this.targets()[0];
    const f = t?.sheet.formats.get(t.rect.top * 20000 + t.rect.left) ?? {};
    return f[name] ?? (name === 'columnWidth' ? 48 : name === 'rowHeight' ? 15 : name === 'wrapText' ? false : 'General');
  }
  protected override child(name: string) {
    return name === 'fill' ? this.fill : null;
  }
  private setFormat(name: string, value: unknown) {
    this.enqueue(name, value, () => {
      for (const { sheet, rect } of this.targets()) {
        if (rect.top === 1 && rect.bottom >= 1048576) {
          for (let c = rect.left; c <= rect.right; c++) sheet.columnFormats.set(c, { ...(sheet.columnFormats.get(c) ?? {}), [name]: value });
          continue;
        }
        const k = rect.top * 20000 + rect.left;
        sheet.formats.set(k, { ...(sheet.formats.get(k) ?? {}), [name]: value });
      }
      return undefined;
    });
  }
  get columnWidth(): number {
    return this.read('columnWidth') as number;
  }
  set columnWidth(v: number) {
    this.setFormat('columnWidth', v);
  }
  get rowHeight(): number {
    return this.read('rowHeight') as number;
  }
  set rowHeight(v: number) {
    this.setFormat('rowHeight', v);
  }
  get wrapText(): boolean {
    return this.read('wrapText') as boolean;
  }
  set wrapText(v: boolean) {
    this.setFormat('wrapText', v);
  }
  get horizontalAlignment(): string {
    return this.read('horizontalAlignment') as string;
  }
  set horizontalAlignment(v: string) {
    this.setFormat('horizontalAlignment', v);
  }
  get font(): unknown {
    return recorder(`${this._path}.font`, this.model.calls);
  }
  get borders(): unknown {
    return recorder(`${this._path}.borders`, this.model.calls);
  }
  autofitColumns(): void {
    this.enqueue('autofitColumns', null, () => undefined);
  }
  autofitRows(): void {
    this.enqueue('autofitRows', null, () => undefined);
  }
}

export class FakeRange extends FakeClientObject {
  readonly format: FakeRangeFormat;
  private cache: RangeTarget | null | undefined;
  constructor(
    ctx: FakeContextCore,
    path: string,
    private readonly resolveTarget: () => RangeTarget | null,
    private readonly model: FakeWorkbook,
    orNull = false,
  ) {
    super(ctx, path);
    this.format = new FakeRangeFormat(ctx, `${path}.format`, () => [this.target()], model);
    this.created(() => {
      const t = this.resolveOnce();
      if (!t && !orNull) throw notFound(path);
      return !t;
    });
  }
  /** Like Office.js, a range is fixed when its creating operation runs (a used range does not follow later edits). */
  private resolveOnce(): RangeTarget | null {
    if (this.cache === undefined) this.cache = this.resolveTarget();
    return this.cache;
  }
  /** The target at execution time; throws when the range does not exist. */
  target(): RangeTarget {
    const t = this.resolveOnce();
    if (!t) throw notFound(this._path);
    return t;
  }
  protected scalarNames() {
    return [
      'address',
      'addressLocal',
      'rowIndex',
      'columnIndex',
      'rowCount',
      'columnCount',
      'cellCount',
      'values',
      'formulas',
      'text',
      'numberFormat',
      'valueTypes',
      'isEntireColumn',
      'isEntireRow',
    ];
  }
  protected override child(name: string) {
    return name === 'format' ? this.format : null;
  }
  protected getScalar(name: string): unknown {
    const { sheet, rect } = this.target();
    const whole = rect.top === 1 && rect.bottom === MAX_ROWS;
    const big = ['values', 'formulas', 'text', 'numberFormat', 'valueTypes'];
    if (big.includes(name) && cellCount(rect) > 5_000_000) {
      throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', 'The range is too large to read at once.');
    }
    switch (name) {
      case 'address':
        return fullAddress(sheet.name, rect);
      case 'addressLocal':
        return localAddress(rect);
      case 'rowIndex':
        return rect.top - 1;
      case 'columnIndex':
        return rect.left - 1;
      case 'rowCount':
        return rect.bottom - rect.top + 1;
      case 'columnCount':
        return rect.right - rect.left + 1;
      case 'cellCount':
        return cellCount(rect);
      case 'values':
      case 'formulas':
        return sheet.getBlock(rect);
      case 'text':
        return sheet.getBlock(rect).map((l) => l.map((v) => String(v)));
      case 'numberFormat':
        return sheet.getBlock(rect).map((l) => l.map(() => 'General'));
      case 'valueTypes':
        return sheet
          .getBlock(rect)
          .map((l) => l.map((v) => (v === '' ? 'Empty' : typeof v === 'number' ? 'Double' : typeof v === 'boolean' ? 'Boolean' : 'String')));
      case 'isEntireColumn':
        return whole;
      case 'isEntireRow':
        return rect.left === 1 && rect.right === MAX_COLUMNS;
    }
    throw invalid(name);
  }
  get address(): string {
    return this.read('address') as string;
  }
  get addressLocal(): string {
    return this.read('addressLocal') as string;
  }
  get rowIndex(): number {
    return this.read('rowIndex') as number;
  }
  get columnIndex(): number {
    return this.read('columnIndex') as number;
  }
  get rowCount(): number {
    return this.read('rowCount') as number;
  }
  get columnCount(): number {
    return this.read('columnCount') as number;
  }
  get cellCount(): number {
    return this.read('cellCount') as number;
  }
  get text(): string[][] {
    return this.read('text') as string[][];
  }
  get valueTypes(): string[][] {
    return this.read('valueTypes') as string[][];
  }
  get values(): unknown[][] {
    return this.read('values') as unknown[][];
  }
  set values(v: unknown) {
    this.enqueue('values', v, () => {
      const { sheet, rect } = this.target();
      const rows = rect.bottom - rect.top + 1;
      const cols = rect.right - rect.left + 1;
      if (!Array.isArray(v)) {
        eachCell(rect, (r, c) => sheet.set(r, c, v as FakeValue));
        return undefined;
      }
      if (v.length !== rows || v.some((line) => !Array.isArray(line) || line.length !== cols)) {
        throw invalid(`The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}x${cols}).`);
      }
      (v as unknown[][]).forEach((line, i) =>
        line.forEach((x, j) => {
          if (x === null || x === undefined) return; // Office.js leaves the cell as it is
          if (typeof x === 'object') throw invalid('cell values must be strings, numbers or booleans');
          sheet.set(rect.top + i, rect.left + j, x as FakeValue);
        }),
      );
      return undefined;
    });
  }
  get formulas(): unknown[][] {
    return this.read('formulas') as unknown[][];
  }
  set formulas(v: unknown) {
    this.values = v;
  }
  get numberFormat(): unknown[][] {
    return this.read('numberFormat') as unknown[][];
  }
  set numberFormat(v: unknown) {
    this.enqueue('numberFormat', v, () => undefined);
  }
  get worksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, `${this._path}.worksheet`, () => this.target().sheet, this.model);
  }
  private derived(what: string, fn: (t: RangeTarget) => RangeTarget | null, orNull = false): FakeRange {
    return new FakeRange(this.context, `${this._path}.${what}`, () => fn(this.target()), this.model, orNull);
  }
  getCell(row: number, column: number): FakeRange {
    return this.derived(`getCell(${row},${column})`, ({ sheet, rect }) => ({
      sheet,
      rect: { top: rect.top + row, left: rect.left + column, bottom: rect.top + row, right: rect.left + column },
    }));
  }
  getRow(row: number): FakeRange {
    return this.derived(`getRow(${row})`, ({ sheet, rect }) => ({ sheet, rect: { ...rect, top: rect.top + row, bottom: rect.top + row } }));
  }
  getColumn(column: number): FakeRange {
    return this.derived(`getColumn(${column})`, ({ sheet, rect }) => ({
      sheet,
      rect: { ...rect, left: rect.left + column, right: rect.left + column },
    }));
  }
  getEntireRow(): FakeRange {
    return this.derived('getEntireRow()', ({ sheet, rect }) => ({ sheet, rect: { ...rect, left: 1, right: MAX_COLUMNS } }));
  }
  getLastRow(): FakeRange {
    return this.derived('getLastRow()', ({ sheet, rect }) => ({ sheet, rect: { ...rect, top: rect.bottom } }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.derived(`getResizedRange(${deltaRows},${deltaColumns})`, ({ sheet, rect }) => ({
      sheet,
      rect: { ...rect, bottom: rect.bottom + deltaRows, right: rect.right + deltaColumns },
    }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this.derived(`getOffsetRange(${rowOffset},${columnOffset})`, ({ sheet, rect }) => ({
      sheet,
      rect: {
        top: rect.top + rowOffset,
        bottom: rect.bottom + rowOffset,
        left: rect.left + columnOffset,
        right: rect.right + columnOffset,
      },
    }));
  }
  getIntersectionOrNullObject(other: FakeRange | string): FakeRange {
    return this.derived(
      'getIntersectionOrNullObject()',
      ({ sheet, rect }) => {
        const o = typeof other === 'string' ? { sheet, rect: parseArea(splitSheet(other).local) } : other.target();
        const r = intersect(rect, o.rect);
        return r ? { sheet, rect: r } : null;
      },
      true,
    );
  }
  getIntersection(other: FakeRange | string): FakeRange {
    return this.derived('getIntersection()', ({ sheet, rect }) => {
      const o = typeof other === 'string' ? { sheet, rect: parseArea(splitSheet(other).local) } : other.target();
      const r = intersect(rect, o.rect);
      if (!r) throw invalid('the ranges do not intersect');
      return { sheet, rect: r };
    });
  }
  /** ExcelApi 1.13: the merged areas that meet this range (whole areas), or a null object when there are none. */
  getMergedAreasOrNullObject(): FakeRangeAreas {
    return new FakeRangeAreas(
      this.context,
      `${this._path}.getMergedAreasOrNullObject()`,
      () => {
        const { sheet, rect } = this.target();
        return sheet.merges.filter((m) => intersect(m, rect) !== null).map((m) => ({ sheet, rect: m }));
      },
      this.model,
      true,
    );
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return this.derived(
      'getUsedRangeOrNullObject()',
      ({ sheet, rect }) => {
        const used = sheet.usedRect(Boolean(valuesOnly));
        const r = used && intersect(used, rect);
        return r ? { sheet, rect: r } : null;
      },
      true,
    );
  }
  get conditionalFormats(): FakeConditionalFormatCollection {
    const rangeAt = (path: string, resolve: () => RangeTarget) => new FakeRange(this.context, path, resolve, this.model);
    return new FakeConditionalFormatCollection(this.context, `${this._path}.conditionalFormats`, () => this.target(), this.model, rangeAt);
  }
  getCellProperties(options: { format?: { fill?: { color?: boolean; pattern?: boolean } }; address?: boolean }): FakeClientResult<unknown[][]> {
    const result = new FakeClientResult<unknown[][]>();
    this.enqueue('getCellProperties', options, () => {
      const { sheet, rect } = this.target();
      const out: unknown[][] = [];
      for (let r = rect.top; r <= rect.bottom; r++) {
        const line: unknown[] = [];
        for (let c = rect.left; c <= rect.right; c++) {
          const cell: Record<string, unknown> = {};
          if (options.address) cell.address = fullAddress(sheet.name, { top: r, left: c, bottom: r, right: c });
          if (options.format?.fill) {
            const f = sheet.fill(r, c);
            const fill: Record<string, unknown> = {};
            if (options.format.fill.color) fill.color = f ? f.color : FILL_NONE;
            if (options.format.fill.pattern) fill.pattern = f ? f.pattern : 'None';
            cell.format = { fill };
          }
          line.push(cell);
        }
        out.push(line);
      }
      result.set(out);
      return out;
    });
    return result;
  }
  setCellProperties(props: { format?: { fill?: { color?: string; pattern?: string } } }[][]): void {
    this.enqueue('setCellProperties', props, () => {
      const { sheet, rect } = this.target();
      props.forEach((line, i) =>
        line.forEach((p, j) => {
          const fill = p?.format?.fill;
          if (!fill) return;
          const r = rect.top + i;
          const c = rect.left + j;
          if (fill.pattern === 'None') sheet.setFill(r, c, null);
          else if (fill.color) sheet.setFill(r, c, { color: normalizeColor(fill.color), pattern: fill.pattern ?? 'Solid' });
        }),
      );
      return undefined;
    });
  }
  clear(applyTo: string = 'All'): void {
    this.enqueue('clear', applyTo, () => {
      const { sheet, rect } = this.target();
      const used = sheet.usedRect(false);
      const r = used && intersect(rect, used);
      if (!r) return undefined;
      eachCell(r, (row, col) => {
        if (applyTo === 'All' || applyTo === 'Contents') sheet.set(row, col, null);
        if (applyTo === 'All' || applyTo === 'Formats') {
          sheet.setFill(row, col, null);
          sheet.formats.delete(row * 20000 + col); // widths, wrapping and number formats set from this cell
        }
      });
      return undefined;
    });
  }
  select(): void {
    this.enqueue('select', null, () => {
      const { sheet, rect } = this.target();
      this.model.activeSheetId = sheet.id;
      this.model.selection = { sheetId: sheet.id, rect };
      this.model.emitSelectionChanged();
      return undefined;
    });
  }
  calculate(): void {
    this.enqueue('calculate', null, () => undefined);
  }
}

/** Several areas of one sheet (Excel.RangeAreas). */
export class FakeRangeAreas extends FakeClientObject {
  readonly format: FakeRangeFormat;
  constructor(
    ctx: FakeContextCore,
    path: string,
    private readonly resolveTargets: () => RangeTarget[],
    private readonly model: FakeWorkbook,
    orNull = false,
  ) {
    super(ctx, path);
    this.format = new FakeRangeFormat(ctx, `${path}.format`, () => this.resolveTargets(), model);
    this.created(() => orNull && this.resolveTargets().length === 0);
  }
  protected scalarNames() {
    return ['address', 'areaCount', 'cellCount'];
  }
  protected override child(name: string) {
    return name === 'format' ? this.format : null;
  }
  protected getScalar(name: string) {
    const t = this.resolveTargets();
    if (name === 'address') return t.map(({ sheet, rect }) => fullAddress(sheet.name, rect)).join(',');
    if (name === 'areaCount') return t.length;
    return t.reduce((n, { rect }) => n + cellCount(rect), 0);
  }
  get address(): string {
    return this.read('address') as string;
  }
  get areaCount(): number {
    return this.read('areaCount') as number;
  }
  get cellCount(): number {
    return this.read('cellCount') as number;
  }
  clear(applyTo: string = 'All'): void {
    this.enqueue('clear', applyTo, () => {
      for (const { sheet, rect } of this.resolveTargets()) {
        eachCell(rect, (r, c) => {
          if (applyTo === 'All' || applyTo === 'Contents') sheet.set(r, c, null);
          if (applyTo === 'All' || applyTo === 'Formats') sheet.setFill(r, c, null);
        });
      }
      return undefined;
    });
  }
  select(): void {
    this.enqueue('select', null, () => {
      const t = this.resolveTargets()[0];
      if (t) {
        this.model.activeSheetId = t.sheet.id;
        this.model.selection = { sheetId: t.sheet.id, rect: t.rect };
      }
      return undefined;
    });
  }
}

/* ---------------------------------------------------------------- worksheets */

export class FakeWorksheet extends FakeClientObject {
  private cache: FakeSheet | null | undefined;
  constructor(
    ctx: FakeContextCore,
    path: string,
    private readonly resolveSheet: () => FakeSheet | null,
    private readonly model: FakeWorkbook,
    orNull = false,
  ) {
    super(ctx, path);
    this.created(() => {
      const s = this.resolveOnce();
      if (!s && !orNull) throw notFound(path);
      return !s;
    });
  }
  private resolveOnce(): FakeSheet | null {
    if (this.cache === undefined) this.cache = this.resolveSheet();
    return this.cache;
  }
  sheet(): FakeSheet {
    const s = this.resolveOnce();
    if (!s || !this.model.sheets.includes(s)) throw notFound(this._path);
    return s;
  }
  protected scalarNames() {
    return ['name', 'id', 'position', 'visibility'];
  }
  protected getScalar(name: string) {
    const s = this.sheet();
    return name === 'name' ? s.name : name === 'id' ? s.id : name === 'position' ? s.position : s.visibility;
  }
  get name(): string {
    return this.read('name') as string;
  }
  set name(v: string) {
    this.enqueue('name', v, () => {
      if (this.model.sheet(v) && this.model.sheet(v) !== this.sheet()) throw invalid(`a sheet named ${v} exists`);
      this.sheet().name = v;
      return undefined;
    });
  }
  get id(): string {
    return this.read('id') as string;
  }
  get position(): number {
    return this.read('position') as number;
  }
  get visibility(): string {
    return this.read('visibility') as string;
  }
  set visibility(v: string) {
    this.enqueue('visibility', v, () => {
      this.sheet().visibility = v as FakeSheet['visibility'];
      return undefined;
    });
  }
  private range(what: string, fn: (s: FakeSheet) => Rect | null, orNull = false): FakeRange {
    return new FakeRange(
      this.context,
      `${this._path}.${what}`,
      () => {
        const s = this.sheet();
        const r = fn(s);
        return r ? { sheet: s, rect: r } : null;
      },
      this.model,
      orNull,
    );
  }
  getRange(address?: string): FakeRange {
    return this.range(`getRange(${JSON.stringify(address ?? '')})`, () => {
      if (!address) return { top: 1, left: 1, bottom: MAX_ROWS, right: MAX_COLUMNS };
      const { local } = splitSheet(address);
      try {
        return parseArea(local);
      } catch (e) {
        if (e instanceof FakeAddressError) throw invalid(e.message);
        throw e;
      }
    });
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return this.range(`getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`, () => {
      if (rowCount < 1 || columnCount < 1 || startRow < 0 || startColumn < 0) throw invalid('bad indexes');
      return { top: startRow + 1, left: startColumn + 1, bottom: startRow + rowCount, right: startColumn + columnCount };
    });
  }
  getCell(row: number, column: number): FakeRange {
    return this.getRangeByIndexes(row, column, 1, 1);
  }
  getRanges(address: string): FakeRangeAreas {
    return new FakeRangeAreas(
      this.context,
      `${this._path}.getRanges(${address.length} chars)`,
      () => {
        const s = this.sheet();
        try {
          return parseAreas(address).rects.map((rect) => ({ sheet: s, rect }));
        } catch (e) {
          if (e instanceof FakeAddressError) throw invalid(e.message);
          throw e;
        }
      },
      this.model,
    );
  }
  getUsedRange(valuesOnly?: boolean): FakeRange {
    return this.range(`getUsedRange(${Boolean(valuesOnly)})`, (s) => s.usedRect(Boolean(valuesOnly)) ?? { top: 1, left: 1, bottom: 1, right: 1 });
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return this.range(`getUsedRangeOrNullObject(${Boolean(valuesOnly)})`, (s) => s.usedRect(Boolean(valuesOnly)), true);
  }
  activate(): void {
    this.enqueue('activate', null, () => {
      const id = this.sheet().id;
      if (this.model.activeSheetId !== id) {
        this.model.activeSheetId = id;
        this.model.emitActivated(id);
      }
      return undefined;
    });
  }
  delete(): void {
    this.enqueue('delete', null, () => {
      const s = this.sheet();
      const i = this.model.sheets.indexOf(s);
      this.model.sheets.splice(i, 1);
      if (this.model.activeSheetId === s.id) this.model.activeSheetId = this.model.sheets[0]?.id ?? '';
      return undefined;
    });
  }
  get tables(): FakeTableCollection {
    return new FakeTableCollection(this.context, `${this._path}.tables`, this.model, () => this.sheet());
  }
  get notes(): FakeNoteCollection {
    return new FakeNoteCollection(this.context, `${this._path}.notes`, this.model, () => this.sheet());
  }
  get comments(): FakeCommentCollection {
    return new FakeCommentCollection(this.context, `${this._path}.comments`, this.model, () => this.sheet());
  }
  get pivotTables(): FakeRecordingCollection {
    return new FakeRecordingCollection(this.context, `${this._path}.pivotTables`, 'pivotTable', () => this.sheet().pivotTables, this.model);
  }
  get charts(): FakeRecordingCollection {
    return new FakeRecordingCollection(this.context, `${this._path}.charts`, 'chart', () => this.sheet().charts, this.model);
  }
  get freezePanes(): FakeFreezePanes {
    return new FakeFreezePanes(this.context, `${this._path}.freezePanes`, this.model, () => this.sheet());
  }
  get pageLayout(): FakePageLayout {
    return new FakePageLayout(this.context, `${this._path}.pageLayout`, this.model, () => this.sheet());
  }
  get autoFilter(): unknown {
    return recorder(`${this._path}.autoFilter`, this.model.calls);
  }
}

export class FakeWorksheetCollection extends FakeCollection<FakeSheet, FakeWorksheet> {
  constructor(
    ctx: FakeContextCore,
    path: string,
    private readonly model: FakeWorkbook,
  ) {
    super(ctx, path);
  }
  protected list() {
    return this.model.sheets;
  }
  protected item(path: string, resolve: () => FakeSheet | null, orNull: boolean) {
    return new FakeWorksheet(this.context, path, resolve, this.model, orNull);
  }
  protected itemNames() {
    return ['name', 'id', 'position', 'visibility'];
  }
  protected override find(key: string) {
    return this.model.sheet(key) ?? this.model.sheetById(key) ?? null;
  }
  /** Worksheet activation events (Excel.WorksheetCollection.onActivated): handlers run after the change. */
  get onActivated(): FakeEvent<{ worksheetId: string; type: string }> {
    return this.event('onActivated', (h) => this.model.onActivated(h));
  }
  /** Selection events on any sheet (Excel.WorksheetCollection.onSelectionChanged, ExcelApi 1.9). */
  get onSelectionChanged(): FakeEvent<{ worksheetId: string; address: string; type: string }> {
    return this.event('onSelectionChanged', (h) => this.model.onSelectionChanged(h));
  }
  /**
   * Like Office.js, `add` returns a handler result whose `remove()` is queued on the context the handler was
   * added in: it runs in `Excel.run(result.context, ...)`, and throws InvalidObjectPath in any other run.
   */
  private event<A>(name: string, register: (handler: (args: A) => unknown) => () => void): FakeEvent<A> {
    return {
      add: (handler) => {
        this.enqueue(`${name}.add`, null, () => undefined);
        const off = register(handler);
        return {
          context: this.context.owner,
          remove: () => this.enqueue(`${name}.remove`, null, () => void off()),
        };
      },
    };
  }
  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, `${this._path}.getActiveWorksheet()`, () => this.model.activeSheet, this.model);
  }
  add(name?: string): FakeWorksheet {
    let created: FakeSheet | null = null;
    this.enqueue('add', name ?? null, () => {
      let n = name;
      if (!n) {
        let i = this.model.sheets.length + 1;
        while (this.model.sheet(`Sheet${i}`)) i++;
        n = `Sheet${i}`;
      }
      if (this.model.sheet(n)) throw new FakeOfficeError('ItemAlreadyExists', `A sheet named '${n}' already exists.`);
      created = this.model.addSheet(n);
      return undefined;
    });
    return new FakeWorksheet(this.context, `${this._path}.add(${JSON.stringify(name ?? '')})`, () => created, this.model);
  }
}

/* ---------------------------------------------------------------- tables */

export class FakeTable extends FakeClientObject {
  constructor(
    ctx: FakeContextCore,
    path: string,
    private readonly resolveTable: () => FakeTable_ | null,
    private readonly model: FakeWorkbook,
    orNull = false,
  ) {
    super(ctx, path);
    this.created(() => {
      const t = resolveTable();
      if (!t && !orNull) throw notFound(path);
      return !t;
    });
  }
  private table(): FakeTable_ {
    const t = this.resolveTable();
    if (!t) throw notFound(this._path);
    return t;
  }
  protected scalarNames() {
    return ['name', 'id', 'showHeaders'];
  }
  protected getScalar(name: string) {
    const t = this.table();
    return name === 'name' ? t.name : name === 'id' ? t.id : t.showHeaders;
  }
  get name(): string {
    return this.read('name') as string;
  }
  get id(): string {
    return this.read('id') as string;
  }
  get showHeaders(): boolean {
    return this.read('showHeaders') as boolean;
  }
  private range(what: string, fn: (t: FakeTable_) => Rect): FakeRange {
    return new FakeRange(
      this.context,
      `${this._path}.${what}`,
      () => {
        const t = this.table();
        const sheet = this.model.sheetById(t.sheetId);
        return sheet ? { sheet, rect: fn(t) } : null;
      },
      this.model,
    );
  }
  getRange(): FakeRange {
    return this.range('getRange()', (t) => t.rect);
  }
  getHeaderRowRange(): FakeRange {
    return this.range('getHeaderRowRange()', (t) => ({ ...t.rect, bottom: t.rect.top }));
  }
  getDataBodyRange(): FakeRange {
    return this.range('getDataBodyRange()', (t) => ({ ...t.rect, top: t.showHeaders ? t.rect.top + 1 : t.rect.top }));
  }
  get worksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, `${this._path}.worksheet`, () => this.model.sheetById(this.table().sheetId) ?? null, this.model);
  }
  delete(): void {
    this.enqueue('delete', null, () => {
      const t = this.table();
      this.model.tables.splice(this.model.tables.indexOf(t), 1);
      return undefined;
    });
  }
}
type FakeTable_ = import('./model').FakeTable;

export class FakeTableCollection extends FakeCollection<FakeTable_, FakeTable> {
  constructor(
    ctx: FakeContextCore,
    path: string,
    private readonly model: FakeWorkbook,
    private readonly scope: (() => FakeSheet) | null,
  ) {
    super(ctx, path);
  }
  protected list(): FakeTable_[] {
    const s = this.scope?.();
    return this.model.tables.filter((t) => !s || t.sheetId === s.id);
  }
  protected item(path: string, resolve: () => FakeTable_ | null, orNull: boolean) {
    return new FakeTable(this.context, path, resolve, this.model, orNull);
  }
  protected itemNames() {
    return ['name', 'id', 'showHeaders'];
  }
  protected override find(key: string) {
    return this.list().find((t) => t.name === key || t.id === key) ?? null;
  }
  add(address: string, hasHeaders: boolean): FakeTable {
    let created: FakeTable_ | null = null;
    this.enqueue('add', [address, hasHeaders], () => {
      const { sheet: sheetName, local } = splitSheet(address);
      const sheet = sheetName ? this.model.sheet(sheetName) : this.scope?.() ?? this.model.activeSheet;
      if (!sheet) throw notFound(address);
      created = this.model.addTable(sheet, parseArea(local), undefined, hasHeaders);
      return undefined;
    });
    return new FakeTable(this.context, `${this._path}.add()`, () => created, this.model);
  }
}

/* ---------------------------------------------------------------- settings */

export class FakeSetting extends FakeClientObject {
  constructor(
    ctx: FakeContextCore,
    path: string,
    private readonly resolveKey: () => string | null,
    private readonly model: FakeWorkbook,
    orNull = false,
  ) {
    super(ctx, path);
    this.created(() => {
      const key = resolveKey();
      const exists = key !== null && model.settings.has(key);
      if (!exists && !orNull) throw notFound(path);
      return !exists;
    });
  }
  private get key(): string {
    const k = this.resolveKey();
    if (k === null) throw notFound(this._path);
    return k;
  }
  protected scalarNames() {
    return ['key', 'value'];
  }
  protected getScalar(name: string) {
    if (name === 'key') return this.key;
    const raw = this.model.settings.get(this.key);
    if (raw === undefined) throw notFound(this._path);
    return JSON.parse(raw);
  }
  get value(): unknown {
    return this.read('value');
  }
  set value(v: unknown) {
    this.enqueue('value', v, () => {
      this.model.settings.set(this.key, JSON.stringify(v));
      return undefined;
    });
  }
  delete(): void {
    this.enqueue('delete', null, () => {
      this.model.settings.delete(this.key);
      return undefined;
    });
  }
}

export class FakeSettingCollection extends FakeCollection<string, FakeSetting> {
  constructor(
    ctx: FakeContextCore,
    path: string,
    private readonly model: FakeWorkbook,
  ) {
    super(ctx, path);
  }
  protected list() {
    return [...this.model.settings.keys()];
  }
  protected item(path: string, resolve: () => string | null, orNull: boolean) {
    return new FakeSetting(this.context, path, resolve, this.model, orNull);
  }
  protected itemNames() {
    return ['key', 'value'];
  }
  /** A setting is named by its key even before it exists (getItemOrNullObject is then null). */
  protected override find(key: string) {
    return key;
  }
  add(key: string, value: unknown): FakeSetting {
    this.enqueue('add', [key, value], () => {
      this.model.settings.set(key, JSON.stringify(value));
      return undefined;
    });
    return new FakeSetting(this.context, `${this._path}.add(${JSON.stringify(key)})`, () => key, this.model);
  }
}

/* ---------------------------------------------------------------- notes */

interface NoteRef {
  sheet: FakeSheet;
  row: number;
  column: number;
}

function singleCell(model: FakeWorkbook, address: string | FakeRange, scope: (() => FakeSheet) | null): NoteRef {
  if (typeof address !== 'string') {
    const { sheet, rect } = address.target();
    if (rect.top !== rect.bottom || rect.left !== rect.right) throw invalid('a note or comment needs a single cell');
    return { sheet, row: rect.top, column: rect.left };
  }
  const { sheet: name, local } = splitSheet(address);
  const sheet = name ? model.sheet(name) : scope?.();
  if (!sheet) throw invalid(`'${address}' does not name a sheet`);
  const rect = parseArea(local);
  if (rect.top !== rect.bottom || rect.left !== rect.right) throw invalid('a note or comment needs a single cell');
  return { sheet, row: rect.top, column: rect.left };
}

export class FakeNote extends FakeClientObject {
  constructor(
    ctx: FakeContextCore,
    path: string,
    private readonly resolveRef: () => NoteRef | null,
    private readonly model: FakeWorkbook,
    orNull = false,
  ) {
    super(ctx, path);
    this.created(() => {
      const r = resolveRef();
      const exists = Boolean(r && r.sheet.note(r.row, r.column));
      if (!exists && !orNull) throw notFound(path);
      return !exists;
    });
  }
  private ref(): NoteRef {
    const r = this.resolveRef();
    if (!r || !r.sheet.note(r.row, r.column)) throw notFound(this._path);
    return r;
  }
  protected scalarNames() {
    return ['content', 'authorName', 'height', 'width', 'visible'];
  }
  protected getScalar(name: string) {
    const r = this.ref();
    const n = r.sheet.note(r.row, r.column)!;
    return name === 'content' ? n.content : name === 'authorName' ? n.author : name === 'visible' ? false : 100;
  }
  get content(): string {
    return this.read('content') as string;
  }
  set content(v: string) {
    this.enqueue('content', v, () => {
      const r = this.ref();
      r.sheet.note(r.row, r.column)!.content = v;
      return undefined;
    });
  }
  get authorName(): string {
    return this.read('authorName') as string;
  }
  delete(): void {
    this.enqueue('delete', null, () => {
      const r = this.ref();
      r.sheet.setNote(r.row, r.column, null);
      return undefined;
    });
  }
  getLocation(): FakeRange {
    return new FakeRange(
      this.context,
      `${this._path}.getLocation()`,
      () => {
        const r = this.ref();
        return { sheet: r.sheet, rect: { top: r.row, bottom: r.row, left: r.column, right: r.column } };
      },
      this.model,
    );
  }
}

export class FakeNoteCollection extends FakeCollection<NoteRef, FakeNote> {
  constructor(
    ctx: FakeContextCore,
    path: string,
    private readonly model: FakeWorkbook,
    private readonly scope: (() => FakeSheet) | null,
  ) {
    super(ctx, path);
  }
  protected override checkApi() {
    if (this.model.apiVersion < 18) throw new FakeOfficeError('ApiNotFound', 'The notes API needs ExcelApi 1.18.');
  }
  protected list(): NoteRef[] {
    const sheets = this.scope ? [this.scope()] : this.model.sheets;
    return sheets.flatMap((sheet) => sheet.noteCells().map(({ row, column }) => ({ sheet, row, column })));
  }
  protected item(path: string, resolve: () => NoteRef | null, orNull: boolean) {
    return new FakeNote(this.context, path, resolve, this.model, orNull);
  }
  protected itemNames() {
    return ['content', 'authorName'];
  }
  protected override find(key: string) {
    return singleCell(this.model, key, this.scope);
  }
  /** By index without listing every note of the workbook (a sheet's note list is cached). */
  override getItemAt(index: number): FakeNote {
    return this.item(`${this._path}.getItemAt(${index})`, () => {
      this.checkApi();
      if (!this.scope) return this.list()[index] ?? null;
      const sheet = this.scope();
      const c = sheet.noteCells()[index];
      return c ? { sheet, row: c.row, column: c.column } : null;
    }, false);
  }
  add(cellAddress: string | FakeRange, content: string): FakeNote {
    let ref: NoteRef | null = null;
    this.enqueue('add', [typeof cellAddress === 'string' ? cellAddress : '<range>', content], () => {
      this.checkApi();
      ref = singleCell(this.model, cellAddress, this.scope);
      if (ref.sheet.note(ref.row, ref.column)) throw invalid('The cell already has a note.');
      ref.sheet.setNote(ref.row, ref.column, { content: String(content), author: this.model.author });
      return undefined;
    });
    return new FakeNote(this.context, `${this._path}.add()`, () => ref, this.model);
  }
}

/* ---------------------------------------------------------------- comments */

export class FakeComment_ extends FakeClientObject {
  constructor(
    ctx: FakeContextCore,
    path: string,
    private readonly resolveComment: () => FakeComment | null,
    private readonly model: FakeWorkbook,
    orNull = false,
  ) {
    super(ctx, path);
    this.created(() => {
      const c = resolveComment();
      if (!c && !orNull) throw notFound(path);
      return !c;
    });
  }
  private comment(): FakeComment {
    const c = this.resolveComment();
    if (!c || !this.model.comments.includes(c)) throw notFound(this._path);
    return c;
  }
  protected scalarNames() {
    return ['id', 'content', 'authorName', 'resolved'];
  }
  protected getScalar(name: string) {
    const c = this.comment();
    return name === 'id' ? c.id : name === 'content' ? c.content : name === 'authorName' ? c.author : false;
  }
  get id(): string {
    return this.read('id') as string;
  }
  get content(): string {
    return this.read('content') as string;
  }
  set content(v: string) {
    this.enqueue('content', v, () => {
      this.comment().content = v;
      return undefined;
    });
  }
  get authorName(): string {
    return this.read('authorName') as string;
  }
  delete(): void {
    this.enqueue('delete', null, () => {
      const c = this.comment();
      this.model.comments.splice(this.model.comments.indexOf(c), 1);
      return undefined;
    });
  }
  getLocation(): FakeRange {
    return new FakeRange(
      this.context,
      `${this._path}.getLocation()`,
      () => {
        const c = this.comment();
        const sheet = this.model.sheetById(c.sheetId);
        return sheet ? { sheet, rect: { top: c.row, bottom: c.row, left: c.column, right: c.column } } : null;
      },
      this.model,
    );
  }
}

export class FakeCommentCollection extends FakeCollection<FakeComment, FakeComment_> {
  constructor(
    ctx: FakeContextCore,
    path: string,
    private readonly model: FakeWorkbook,
    private readonly scope: (() => FakeSheet) | null,
  ) {
    super(ctx, path);
  }
  protected list(): FakeComment[] {
    const s = this.scope?.();
    return this.model.comments.filter((c) => !s || c.sheetId === s.id);
  }
  protected item(path: string, resolve: () => FakeComment | null, orNull: boolean) {
    return new FakeComment_(this.context, path, resolve, this.model, orNull);
  }
  protected itemNames() {
    return ['id', 'content', 'authorName'];
  }
  protected override find(id: string) {
    return this.list().find((c) => c.id === id) ?? null;
  }
  add(cellAddress: string | FakeRange, content: string): FakeComment_ {
    let created: FakeComment | null = null;
    this.enqueue('add', [typeof cellAddress === 'string' ? cellAddress : '<range>', content], () => {
      if (this.model.apiVersion < 10) throw new FakeOfficeError('ApiNotFound', 'Comments need ExcelApi 1.10.');
      const ref = singleCell(this.model, cellAddress, this.scope);
      if (this.model.comments.some((c) => c.sheetId === ref.sheet.id && c.row === ref.row && c.column === ref.column)) {
        throw invalid('The cell already has a comment.');
      }
      created = {
        id: this.model.newId('comment-'),
        sheetId: ref.sheet.id,
        row: ref.row,
        column: ref.column,
        content: String(content),
        author: this.model.author,
      };
      this.model.comments.push(created);
      return undefined;
    });
    return new FakeComment_(this.context, `${this._path}.add()`, () => created, this.model);
  }
  getItemByCell(cellAddress: string | FakeRange): FakeComment_ {
    return this.item(
      `${this._path}.getItemByCell()`,
      () => {
        const ref = singleCell(this.model, cellAddress, this.scope);
        return this.model.comments.find((c) => c.sheetId === ref.sheet.id && c.row === ref.row && c.column === ref.column) ?? null;
      },
      false,
    );
  }
}

/* ---------------------------------------------------------------- pivot tables and charts */

/**
 * Pivot tables and charts are recorded, not computed: add() creates a RecordedObject on the sheet model and
 * every call on the returned object is appended to its `calls`, so report tests can assert what was asked.
 */
export class FakeRecordingCollection extends FakeClientObject {
  constructor(
    ctx: FakeContextCore,
    path: string,
    private readonly kind: RecordedObject['kind'],
    private readonly list: () => RecordedObject[],
    private readonly model: FakeWorkbook,
  ) {
    super(ctx, path);
  }
  protected scalarNames() {
    return [];
  }
  protected getScalar(): unknown {
    return undefined;
  }
  add(...args: unknown[]): unknown {
    const obj: RecordedObject = { kind: this.kind, id: this.model.newId(`${this.kind}-`), args: args.map(describeArg), calls: [], deleted: false };
    this.enqueue('add', args.map(describeArg), () => {
      this.list().push(obj);
      return undefined;
    });
    return recordingObject(obj, `${this._path}.add()`, this.context);
  }
  getCount(): FakeClientResult<number> {
    const r = new FakeClientResult<number>();
    this.enqueue('getCount', null, () => {
      r.set(this.list().filter((o) => !o.deleted).length);
      return r.value;
    });
    return r;
  }
  getItem(name: string): unknown {
    const found = () => this.list().find((o) => !o.deleted && o.args[0] === name);
    const proxyTarget: RecordedObject = { kind: this.kind, id: '', args: [name], calls: [], deleted: false };
    return recordingObject(proxyTarget, `${this._path}.getItem(${JSON.stringify(name)})`, this.context, found);
  }
}

function describeArg(a: unknown): unknown {
  if (a instanceof FakeClientObject) return { object: (a as unknown as { _path: string })._path };
  return a;
}

function recordingObject(obj: RecordedObject, path: string, ctx: FakeContextCore, resolve?: () => RecordedObject | undefined): unknown {
  const calls = obj.calls;
  const log: RecordedCall[] = [];
  const target = () => resolve?.() ?? obj;
  // Calls are queued like any other operation and recorded when the batch runs.
  const proxyLog = new Proxy(log, {
    get(t, p) {
      if (p === 'push') {
        return (c: RecordedCall) => {
          ctx.enqueue({
            what: `${c.path}.${c.method}`,
            bytes: ACTION_OVERHEAD_BYTES + jsonBytes(c.args.map(describeArg)),
            exec: () => {
              const o = target();
              if (c.method === 'delete' && c.path === path) o.deleted = true;
              o.calls.push({ ...c, args: c.args.map(describeArg) });
              return undefined;
            },
          });
          return 0;
        };
      }
      return (t as unknown as Record<string | symbol, unknown>)[p];
    },
  });
  void calls;
  return recorder(path, proxyLog as RecordedCall[]);
}

/* ---------------------------------------------------------------- workbook */

export class FakeApplication extends FakeClientObject {
  constructor(
    ctx: FakeContextCore,
    path: string,
    private readonly model: FakeWorkbook,
  ) {
    super(ctx, path);
  }
  protected scalarNames() {
    return ['calculationMode'];
  }
  protected getScalar() {
    return this.model.calculationMode;
  }
  get calculationMode(): string {
    return this.read('calculationMode') as string;
  }
  set calculationMode(v: string) {
    this.enqueue('calculationMode', v, () => {
      this.model.calculationMode = v as FakeWorkbook['calculationMode'];
      return undefined;
    });
  }
  suspendApiCalculationUntilNextSync(): void {
    this.context.suspendCalculation = true;
    this.enqueue('suspendApiCalculationUntilNextSync', null, () => undefined);
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this.context.suspendScreenUpdating = true;
    this.enqueue('suspendScreenUpdatingUntilNextSync', null, () => undefined);
  }
  /** The fake holds values, not formulas: a recalculation is only recorded in model.calls. */
  calculate(type?: string): void {
    this.enqueue('calculate', type ?? null, () => {
      this.model.calls.push({ path: 'workbook.application', method: 'calculate', args: [type ?? null] });
      return undefined;
    });
  }
}

export class FakeWorkbookObject extends FakeClientObject {
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeTableCollection;
  readonly settings: FakeSettingCollection;
  readonly comments: FakeCommentCollection;
  readonly notes: FakeNoteCollection;
  readonly application: FakeApplication;
  constructor(
    ctx: FakeContextCore,
    private readonly model: FakeWorkbook,
  ) {
    super(ctx, 'workbook');
    this.worksheets = new FakeWorksheetCollection(ctx, 'workbook.worksheets', model);
    this.tables = new FakeTableCollection(ctx, 'workbook.tables', model, null);
    this.settings = new FakeSettingCollection(ctx, 'workbook.settings', model);
    this.comments = new FakeCommentCollection(ctx, 'workbook.comments', model, null);
    this.notes = new FakeNoteCollection(ctx, 'workbook.notes', model, null);
    this.application = new FakeApplication(ctx, 'workbook.application', model);
  }
  protected scalarNames() {
    return ['name'];
  }
  protected getScalar() {
    return 'Book1.xlsx';
  }
  get name(): string {
    return this.read('name') as string;
  }
  getSelectedRange(): FakeRange {
    return new FakeRange(
      this.context,
      'workbook.getSelectedRange()',
      () => {
        const sel = this.model.selection;
        const sheet = (sel && this.model.sheetById(sel.sheetId)) || this.model.activeSheet;
        const rect = sel && sel.sheetId === sheet.id ? sel.rect : { top: 1, left: 1, bottom: 1, right: 1 };
        return { sheet, rect };
      },
      this.model,
    );
  }
  getActiveCell(): FakeRange {
    return new FakeRange(
      this.context,
      'workbook.getActiveCell()',
      () => {
        const sel = this.model.selection;
        const sheet = (sel && this.model.sheetById(sel.sheetId)) || this.model.activeSheet;
        const r = sel && sel.sheetId === sheet.id ? sel.rect : { top: 1, left: 1, bottom: 1, right: 1 };
        return { sheet, rect: { top: r.top, left: r.left, bottom: r.top, right: r.left } };
      },
      this.model,
    );
  }
}

export { FakeAddressError };

/**
 * A setting object of a sheet (freeze panes, page layout): each change is recorded in the model's calls, as the
 * recorder did, and applied to the sheet's model when the batch runs, so a later load reads it back.
 */
abstract class FakeSheetSetting extends FakeClientObject {
  constructor(
    ctx: FakeContextCore,
    path: string,
    private readonly model: FakeWorkbook,
    protected readonly sheet: () => FakeSheet,
  ) {
    super(ctx, path);
  }
  protected change(method: string, args: unknown[], apply: (sheet: FakeSheet) => void): void {
    this.model.calls.push({ path: this._path, method, args });
    this.enqueue(method, args, () => apply(this.sheet()));
  }
}

/** A sheet's freeze panes: freezeRows / freezeColumns / unfreeze, and getLocationOrNullObject (null when none). */
export class FakeFreezePanes extends FakeSheetSetting {
  protected scalarNames(): string[] {
    return [];
  }
  protected getScalar(): unknown {
    return undefined;
  }
  private freeze(method: string, args: unknown[], to: FakeSheet['freeze']): void {
    this.change(method, args, (sheet) => {
      sheet.freeze = to;
    });
  }
  freezeRows(count = 1): void {
    this.freeze('freezeRows', [count], count > 0 ? { rows: count, columns: 0 } : null);
  }
  freezeColumns(count = 1): void {
    this.freeze('freezeColumns', [count], count > 0 ? { rows: 0, columns: count } : null);
  }
  unfreeze(): void {
    this.freeze('unfreeze', [], null);
  }
  getLocationOrNullObject(): FakeAddressed {
    return new FakeAddressed(this.context, `${this._path}.getLocationOrNullObject()`, () => {
      const f = this.sheet().freeze;
      if (!f) return null;
      const rows = f.rows > 0 ? `1:${f.rows}` : '';
      const columns = f.columns > 0 ? `A:${columnLetters(f.columns)}` : '';
      return `${this.sheet().name}!${rows && columns ? `A1:${columnLetters(f.columns)}${f.rows}` : rows || columns}`;
    });
  }
}

/** A range-like null object with an address (a frozen area, the print title rows). */
export class FakeAddressed extends FakeClientObject {
  constructor(
    ctx: FakeContextCore,
    path: string,
    private readonly addressOf: () => string | null,
  ) {
    super(ctx, path);
    this.created(() => this.addressOf() === null);
  }
  protected scalarNames(): string[] {
    return ['address'];
  }
  protected getScalar(): unknown {
    return this.addressOf();
  }
  get address(): string {
    return this.read('address') as string;
  }
}

/** A sheet's page layout: orientation and zoom (loadable, settable), print title rows. */
export class FakePageLayout extends FakeSheetSetting {
  protected scalarNames(): string[] {
    return ['orientation', 'zoom'];
  }
  protected getScalar(name: string): unknown {
    const page = this.sheet().page;
    return name === 'orientation' ? page.orientation : { ...page.zoom };
  }
  get orientation(): string {
    return this.read('orientation') as string;
  }
  set orientation(value: string) {
    this.change('set orientation', [value], (sheet) => {
      sheet.page.orientation = value;
    });
  }
  get zoom(): FakeSheet['page']['zoom'] {
    return this.read('zoom') as FakeSheet['page']['zoom'];
  }
  set zoom(value: FakeSheet['page']['zoom']) {
    this.change('set zoom', [value], (sheet) => {
      sheet.page.zoom = { ...value };
    });
  }
  setPrintTitleRows(rows: string): void {
    this.change('setPrintTitleRows', [rows], (sheet) => {
      sheet.page.printTitleRows = rows;
    });
  }
  getPrintTitleRowsOrNullObject(): FakeAddressed {
    return new FakeAddressed(this.context, `${this._path}.getPrintTitleRowsOrNullObject()`, () => {
      const rows = this.sheet().page.printTitleRows;
      return rows === null ? null : `${this.sheet().name}!${rows.replace(/\$/g, '')}`;
    });
  }
}
