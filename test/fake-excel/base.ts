/**
 * The core of the fake's proxy objects, like Office.js: every method call or property set is queued and runs on
 * sync(); a property can be read only after load() and sync() (else PropertyNotLoaded); *OrNullObject objects
 * know isNullObject after a sync; objects live only inside their Excel.run. `FakeCollection` is the one
 * collection class (load of items with $top/$skip, getCount, getItemAt, getItem, getItemOrNullObject) that
 * worksheets, tables, settings, notes, comments and conditional formats share.
 */
import { ACTION_OVERHEAD_BYTES, FakeOfficeError, jsonBytes, type FakeContextCore } from './context';

export type Props = Record<string, unknown>;

export function notLoaded(name: string): FakeOfficeError {
  return new FakeOfficeError(
    'PropertyNotLoaded',
    `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

export function notFound(what: string): FakeOfficeError {
  return new FakeOfficeError('ItemNotFound', `The requested resource doesn't exist. (${what})`);
}

export function invalid(message: string): FakeOfficeError {
  return new FakeOfficeError('InvalidArgument', `The argument is invalid or missing or has an incorrect format. ${message}`);
}

/** Property names from any load() argument form: 'a,b', ['a','b'], {select:'a,b'}, 'items/a'. */
export function loadNames(arg: unknown): string[] | null {
  if (arg === undefined || arg === null) return null;
  let text: string[] = [];
  if (typeof arg === 'string') text = arg.split(',');
  else if (Array.isArray(arg)) text = arg.flatMap((a) => String(a).split(','));
  else if (typeof arg === 'object') {
    const o = arg as Record<string, unknown>;
    if (typeof o.select === 'string') text = o.select.split(',');
    else if (typeof o.$select === 'string') text = o.$select.split(',');
    else text = Object.keys(o).filter((k) => !k.startsWith('$') && !['top', 'skip'].includes(k) && (o[k] === true || typeof o[k] === 'object'));
  }
  const names = text.map((s) => s.trim()).filter(Boolean);
  return names.length ? names : null;
}

export function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => clone(x)) as T;
  if (v && typeof v === 'object' && !(v instanceof Date)) return { ...(v as object) } as T;
  return v;
}

export abstract class FakeClientObject {
  private _loaded: Props = {};
  private _hasSynced = false;
  protected _isNull = false;

  constructor(
    readonly context: FakeContextCore,
    protected readonly _path: string,
  ) {}

  /** Scalar properties load() with no argument reads. */
  protected abstract scalarNames(): string[];
  /** Current value of a scalar property, at execution time. */
  protected abstract getScalar(name: string): unknown;
  /** Child objects reachable by a load path like 'format/fill/color'. */
  protected child(name: string): FakeClientObject | null {
    void name;
    return null;
  }

  protected enqueue(what: string, args: unknown, exec: () => unknown): void {
    this.context.enqueue({ what: `${this._path}.${what}`, bytes: ACTION_OVERHEAD_BYTES + this._path.length + jsonBytes(args), exec });
  }

  /** Marks the object as created in the batch (and known null or not after the sync). */
  protected created(resolveNull?: () => boolean): void {
    const create = () => {
      this._isNull = resolveNull ? resolveNull() : false;
      this._hasSynced = true;
      return undefined;
    };
    // An item a collection load makes while the batch runs exists at once.
    if (this.context.executing) create();
    else this.enqueue('<create>', null, create);
  }

  /** Whether the object is null when a load runs (a child like `customOrNullObject` decides then). */
  protected nullNow(): boolean {
    return this._isNull;
  }

  protected read(name: string): unknown {
    if (!(name in this._loaded)) throw notLoaded(name);
    return this._loaded[name];
  }

  protected storeLoaded(props: Props): void {
    Object.assign(this._loaded, props);
    this._hasSynced = true;
  }

  get isNullObject(): boolean {
    if (!this._hasSynced) throw notLoaded('isNullObject');
    return this._isNull;
  }

  /** Throws (at queue time, like Office.js) for a name that is neither a property nor a child path. */
  private checkNames(names: string[]): void {
    for (const n of names) {
      const slash = n.indexOf('/');
      const head = slash > 0 ? n.slice(0, slash) : n;
      const c = this.child(head);
      if (c) {
        if (slash > 0) c.checkNames([n.slice(slash + 1)]);
      } else if (slash > 0 || !this.scalarNames().includes(n)) {
        throw invalid(`'${n}' is not a property of ${this._path}`);
      }
    }
  }

  /** Runs inside sync(): loads own properties and child paths now, and returns what the response carries. */
  loadNow(names: string[]): Props {
    const out: Props = {};
    const own: Props = {};
    const null_ = this.nullNow();
    this._isNull = null_;
    for (const n of names) {
      const slash = n.indexOf('/');
      const head = slash > 0 ? n.slice(0, slash) : n;
      const c = this.child(head);
      // A null object's children are not there to load (Office.js loads `customOrNullObject/rule/formula` of a
      // colour-scale rule without an error: the null object's properties are null).
      if (c && null_) {
        out[head] = {};
      } else if (c) {
        const sub = c.loadNow(slash > 0 ? [n.slice(slash + 1)] : c.scalarNames());
        out[head] = { ...((out[head] as Props) ?? {}), ...sub };
      } else {
        own[n] = null_ ? null : clone(this.getScalar(n));
      }
    }
    this.storeLoaded(own);
    return Object.assign(out, own);
  }

  load(arg?: unknown): this {
    const names = loadNames(arg) ?? this.scalarNames();
    this.checkNames(names);
    this.enqueue('load', names, () => this.loadNow(names));
    return this;
  }

  toJSON(): Props {
    return { ...this._loaded };
  }
}

export class FakeClientResult<T> {
  private _done = false;
  private _value: T | undefined;
  set(v: T): void {
    this._value = v;
    this._done = true;
  }
  get value(): T {
    if (!this._done) throw notLoaded('value');
    return this._value as T;
  }
}

/**
 * A collection of model things M shown as items I. Subclasses say what the list is, how an item is made
 * (`item(path, resolve, orNull)`; the item resolves its model thing when its operation runs) and, when
 * getItem is supported, how a key finds a thing.
 */
export abstract class FakeCollection<M, I extends FakeClientObject> extends FakeClientObject {
  private _items: I[] | null = null;

  /** The things, at execution time. */
  protected abstract list(): M[];
  /** A proxy for one thing. */
  protected abstract item(path: string, resolve: () => M | null, orNull: boolean): I;
  /** Properties `load()` with no argument reads on each item. */
  protected abstract itemNames(): string[];
  /** The thing a getItem key names (a name, an id, an address), or null. */
  protected find(key: string): M | null {
    throw invalid(`getItem(${JSON.stringify(key)}) is not supported on ${this._path}`);
  }
  /** Throws when the host lacks the API (notes need ExcelApi 1.18). */
  protected checkApi(): void {}

  protected scalarNames(): string[] {
    return [];
  }
  protected getScalar(): unknown {
    return undefined;
  }

  override load(arg?: unknown): this {
    const names = (loadNames(arg) ?? this.itemNames()).map((n) => n.replace(/^items\//, ''));
    const o = (arg && typeof arg === 'object' && !Array.isArray(arg) ? arg : {}) as Record<string, unknown>;
    const skip = Number(o.$skip ?? o.skip ?? 0);
    const top = o.$top ?? o.top;
    this.enqueue('load', { names, skip, top }, () => {
      this.checkApi();
      const all = this.list();
      const slice = all.slice(skip, top === undefined ? undefined : skip + Number(top));
      this._items = slice.map((m, i) => this.item(`${this._path}[${skip + i}]`, () => m, false));
      return this._items.map((it) => it.loadNow(names));
    });
    return this;
  }

  get items(): I[] {
    if (!this._items) throw notLoaded('items');
    return this._items;
  }

  getCount(): FakeClientResult<number> {
    const r = new FakeClientResult<number>();
    this.enqueue('getCount', null, () => {
      this.checkApi();
      r.set(this.list().length);
      return r.value;
    });
    return r;
  }

  getItemAt(index: number): I {
    return this.item(`${this._path}.getItemAt(${index})`, () => {
      this.checkApi();
      return this.list()[index] ?? null;
    }, false);
  }

  getItem(key: string): I {
    return this.item(`${this._path}.getItem(${JSON.stringify(key)})`, () => this.find(key), false);
  }

  getItemOrNullObject(key: string): I {
    return this.item(`${this._path}.getItemOrNullObject(${JSON.stringify(key)})`, () => this.find(key), true);
  }
}
