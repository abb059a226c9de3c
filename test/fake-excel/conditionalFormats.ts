/**
 * Conditional formats, modelled like Excel: `range.conditionalFormats` lists the rules whose areas meet the
 * range; `add(type)` creates one on the range (first in priority); a custom rule's formula is relative to the
 * top-left cell of its first area; `delete()` removes one rule. `shownFill(sheet, row, column)` is what the
 * user sees: the fill of the first true custom rule on the cell, else the cell's own fill.
 */
import { intersect } from './address';
import { FakeClientObject, FakeCollection, invalid, notFound } from './base';
import type { FakeContextCore } from './context';
import { evaluate } from './formula';
import type { FakeConditionalFormat, FakeFill, FakeSheet, FakeWorkbook, Rect } from './model';
import type { FakeRange } from './objects';

interface Target {
  sheet: FakeSheet;
  rect: Rect;
}

/**
 * Makes a range object over an area. objects.ts passes it in (it owns FakeRange and creates these
 * collections), so this file imports the range's type only and the two files form no import cycle.
 */
export type RangeFactory = (path: string, resolve: () => Target) => FakeRange;

const TYPES: Record<string, string> = { custom: 'Custom', databar: 'DataBar', colorscale: 'ColorScale', iconset: 'IconSet', cellvalue: 'CellValue' };

/** True when a custom rule holds for the cell. */
export function ruleHolds(sheet: FakeSheet, cf: FakeConditionalFormat, row: number, column: number): boolean {
  if (cf.type !== 'Custom' || !cf.formula || !cf.rects.some((r) => row >= r.top && row <= r.bottom && column >= r.left && column <= r.right)) return false;
  const origin = cf.rects[0];
  const v = evaluate(cf.formula, { row, column, originRow: origin.top, originColumn: origin.left }, (r, c) => sheet.get(r, c));
  return v === true || (typeof v === 'number' && v !== 0);
}

/** The fill the user sees on a cell: the first true rule's fill (in priority order), else the cell's own. */
export function shownFill(sheet: FakeSheet, row: number, column: number): FakeFill | undefined {
  for (const cf of sheet.conditionalFormats) {
    if (cf.fill && ruleHolds(sheet, cf, row, column)) return { color: cf.fill, pattern: 'Solid' };
  }
  return sheet.fill(row, column);
}

/** A part of one conditional format (its fill, its rule): reads and changes the model's rule when the batch runs. */
abstract class FakeConditionalPart extends FakeClientObject {
  constructor(
    ctx: FakeContextCore,
    path: string,
    protected readonly cf: () => FakeConditionalFormat,
  ) {
    super(ctx, path);
  }
  /** Queues a change of the rule. */
  protected change(what: string, value: unknown, apply: (cf: FakeConditionalFormat) => void): void {
    this.enqueue(what, value, () => {
      apply(this.cf());
      return undefined;
    });
  }
}

class FakeConditionalFill extends FakeConditionalPart {
  protected scalarNames() {
    return ['color'];
  }
  protected getScalar() {
    return this.cf().fill;
  }
  get color(): string {
    return this.read('color') as string;
  }
  set color(value: string) {
    this.change('color', value, (cf) => {
      if (!/^#[0-9a-fA-F]{6}$/.test(value)) throw invalid(`'${value}' is not a colour`);
      cf.fill = value.toUpperCase();
    });
  }
  clear(): void {
    this.change('clear', null, (cf) => (cf.fill = null));
  }
}

class FakeConditionalRangeFormat extends FakeClientObject {
  readonly fill: FakeConditionalFill;
  constructor(ctx: FakeContextCore, path: string, cf: () => FakeConditionalFormat) {
    super(ctx, path);
    this.fill = new FakeConditionalFill(ctx, `${path}.fill`, cf);
  }
  protected scalarNames() {
    return [];
  }
  protected getScalar() {
    return undefined;
  }
  protected override child(name: string) {
    return name === 'fill' ? this.fill : null;
  }
}

class FakeConditionalFormatRule extends FakeConditionalPart {
  protected scalarNames() {
    return ['formula', 'formulaLocal'];
  }
  protected getScalar() {
    return this.cf().formula;
  }
  get formula(): string {
    return this.read('formula') as string;
  }
  set formula(value: string) {
    this.change('formula', value, (cf) => {
      if (!String(value).startsWith('=')) throw invalid('a rule formula starts with =');
      cf.formula = String(value);
    });
  }
}

/** `conditionalFormat.custom` (or `customOrNullObject`, null when the rule is not custom). */
class FakeCustomConditionalFormat extends FakeClientObject {
  readonly rule: FakeConditionalFormatRule;
  readonly format: FakeConditionalRangeFormat;
  constructor(
    ctx: FakeContextCore,
    path: string,
    private readonly resolve: () => FakeConditionalFormat,
    private readonly orNull: boolean,
  ) {
    super(ctx, path);
    const custom = () => {
      const cf = resolve();
      if (cf.type !== 'Custom') throw invalid(`${path}: the conditional format is not a custom rule`);
      return cf;
    };
    this.rule = new FakeConditionalFormatRule(ctx, `${path}.rule`, custom);
    this.format = new FakeConditionalRangeFormat(ctx, `${path}.format`, custom);
  }
  protected override nullNow(): boolean {
    const custom = this.resolve().type === 'Custom';
    if (!custom && !this.orNull) throw invalid(`${this._path}: the conditional format is not a custom rule`);
    return !custom;
  }
  protected scalarNames() {
    return [];
  }
  protected getScalar() {
    return undefined;
  }
  protected override child(name: string) {
    return name === 'rule' ? this.rule : name === 'format' ? this.format : null;
  }
}

export class FakeConditionalFormatObject extends FakeClientObject {
  readonly custom: FakeCustomConditionalFormat;
  readonly customOrNullObject: FakeCustomConditionalFormat;
  constructor(
    ctx: FakeContextCore,
    path: string,
    private readonly resolve: () => { sheet: FakeSheet; cf: FakeConditionalFormat } | null,
    private readonly rangeAt: RangeFactory,
    orNull = false,
  ) {
    super(ctx, path);
    this.created(() => {
      const found = resolve();
      if (!found && !orNull) throw notFound(path);
      return !found;
    });
    this.custom = new FakeCustomConditionalFormat(ctx, `${path}.custom`, () => this.target().cf, false);
    this.customOrNullObject = new FakeCustomConditionalFormat(ctx, `${path}.customOrNullObject`, () => this.target().cf, true);
  }
  private target(): { sheet: FakeSheet; cf: FakeConditionalFormat } {
    const t = this.resolve();
    if (!t || !t.sheet.conditionalFormats.includes(t.cf)) throw notFound(this._path);
    return t;
  }
  protected scalarNames() {
    return ['id', 'type', 'priority', 'stopIfTrue'];
  }
  protected getScalar(name: string) {
    const { sheet, cf } = this.target();
    return name === 'id' ? cf.id : name === 'type' ? cf.type : name === 'priority' ? sheet.conditionalFormats.indexOf(cf) : cf.stopIfTrue;
  }
  protected override child(name: string) {
    return name === 'custom' ? this.custom : name === 'customOrNullObject' ? this.customOrNullObject : null;
  }
  get id(): string {
    return this.read('id') as string;
  }
  get type(): string {
    return this.read('type') as string;
  }
  get priority(): number {
    return this.read('priority') as number;
  }
  set stopIfTrue(v: boolean) {
    this.enqueue('stopIfTrue', v, () => {
      this.target().cf.stopIfTrue = Boolean(v);
      return undefined;
    });
  }
  get stopIfTrue(): boolean {
    return this.read('stopIfTrue') as boolean;
  }
  delete(): void {
    this.enqueue('delete', null, () => {
      const { sheet, cf } = this.target();
      sheet.conditionalFormats = sheet.conditionalFormats.filter((c) => c !== cf);
      return undefined;
    });
  }
  /** The first area (Office.js getRange; a rule over several areas also has getRanges). */
  getRange(): FakeRange {
    return this.rangeAt(`${this._path}.getRange()`, () => {
      const { sheet, cf } = this.target();
      return { sheet, rect: cf.rects[0] };
    });
  }
}

/** `range.conditionalFormats`: the rules that meet the range, in priority order. */
export class FakeConditionalFormatCollection extends FakeCollection<{ sheet: FakeSheet; cf: FakeConditionalFormat }, FakeConditionalFormatObject> {
  constructor(
    ctx: FakeContextCore,
    path: string,
    private readonly target: () => Target,
    private readonly model: FakeWorkbook,
    private readonly rangeAt: RangeFactory,
  ) {
    super(ctx, path);
  }
  protected list() {
    const { sheet, rect } = this.target();
    return sheet.conditionalFormats.filter((cf) => cf.rects.some((r) => intersect(r, rect))).map((cf) => ({ sheet, cf }));
  }
  protected item(path: string, resolve: () => { sheet: FakeSheet; cf: FakeConditionalFormat } | null, orNull: boolean) {
    return new FakeConditionalFormatObject(this.context, path, resolve, this.rangeAt, orNull);
  }
  protected itemNames() {
    return ['id', 'type', 'priority', 'stopIfTrue'];
  }
  protected override find(id: string) {
    return this.list().find((x) => x.cf.id === id) ?? null;
  }
  add(type: string): FakeConditionalFormatObject {
    let created: { sheet: FakeSheet; cf: FakeConditionalFormat } | null = null;
    this.enqueue('add', type, () => {
      const kind = TYPES[String(type).toLowerCase()];
      if (!kind) throw invalid(`'${type}' is not a conditional format type`);
      const { sheet, rect } = this.target();
      const cf: FakeConditionalFormat = { id: this.model.newId('cf-'), type: kind, rects: [{ ...rect }], formula: null, fill: null, stopIfTrue: false };
      sheet.conditionalFormats = [cf, ...sheet.conditionalFormats];
      created = { sheet, cf };
      return undefined;
    });
    return new FakeConditionalFormatObject(this.context, `${this._path}.add()`, () => created, this.rangeAt);
  }
  /** Removes every rule that meets the range (the product must never call this: it would take the user's rules too). */
  clearAll(): void {
    this.enqueue('clearAll', null, () => {
      const { sheet } = this.target();
      const gone = new Set(this.list().map((x) => x.cf));
      sheet.conditionalFormats = sheet.conditionalFormats.filter((cf) => !gone.has(cf));
      return undefined;
    });
  }
}
