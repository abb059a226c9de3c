/**
 * Just enough of Excel's formula language for conditional-format rules: string and number literals, cell
 * references (relative to a rule's top-left cell, `$` fixes a part), `&`, `=`/`<>`, and the functions
 * ISNUMBER, SEARCH, FIND, LEN, EXACT, AND, OR, NOT. Anything else evaluates to an error, so a rule the fake does not
 * understand simply never shows (tests then see no highlight rather than a wrong one).
 */
import { letters } from './address';

export type FormulaValue = string | number | boolean | { error: string };

interface Ref {
  column: number;
  row: number;
  fixedColumn: boolean;
  fixedRow: boolean;
}

const REF_RE = /(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\d(A-Z])/g;

function colNum(l: string): number {
  let n = 0;
  for (const ch of l) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** Applies `change` to every cell reference outside string literals (null = the cell is gone: #REF!). */
export function mapReferences(formula: string, change: (row: number, column: number) => { row: number; column: number } | null): string {
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(REF_RE, (_m, fc: string, l: string, fr: string, r: string) => {
            const to = change(Number(r), colNum(l));
            return to ? `${fc}${letters(to.column)}${fr}${to.row}` : '#REF!';
          }),
    )
    .join('');
}

type Token = { kind: 'str' | 'num' | 'ref' | 'name' | 'op' | 'err'; text: string; ref?: Ref };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === ' ') {
      i++;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let s = '';
      for (;;) {
        if (j >= text.length) throw new Error('unterminated string');
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            s += '"';
            j += 2;
            continue;
          }
          break;
        }
        s += text[j++];
      }
      out.push({ kind: 'str', text: s });
      i = j + 1;
      continue;
    }
    const rest = text.slice(i);
    let m = /^#REF!/.exec(rest);
    if (m) {
      out.push({ kind: 'err', text: '#REF!' });
      i += m[0].length;
      continue;
    }
    m = /^(\$?)([A-Z]{1,3})(\$?)(\d+)(?![\d(A-Z])/.exec(rest);
    if (m) {
      out.push({ kind: 'ref', text: m[0], ref: { fixedColumn: m[1] === '$', column: colNum(m[2]), fixedRow: m[3] === '$', row: Number(m[4]) } });
      i += m[0].length;
      continue;
    }
    m = /^[A-Z][A-Z0-9.]*/.exec(rest);
    if (m) {
      out.push({ kind: 'name', text: m[0] });
      i += m[0].length;
      continue;
    }
    m = /^\d+(\.\d+)?/.exec(rest);
    if (m) {
      out.push({ kind: 'num', text: m[0] });
      i += m[0].length;
      continue;
    }
    m = /^(<>|[&=(),])/.exec(rest);
    if (m) {
      out.push({ kind: 'op', text: m[0] });
      i += m[0].length;
      continue;
    }
    throw new Error(`unsupported formula text at '${rest}'`);
  }
  return out;
}

const isError = (v: FormulaValue): v is { error: string } => typeof v === 'object';
const text = (v: FormulaValue): string => (typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v));

/**
 * Evaluates `formula` (starting with `=`) for the cell at (row, column) of a rule whose areas start at
 * (originRow, originColumn); `cell` reads a value ('' for empty).
 */
export function evaluate(
  formula: string,
  at: { row: number; column: number; originRow: number; originColumn: number },
  cell: (row: number, column: number) => string | number | boolean,
): FormulaValue {
  let tokens: Token[];
  try {
    tokens = tokenize(formula.replace(/^=/, ''));
  } catch {
    return { error: '#NAME?' };
  }
  let p = 0;
  const peek = () => tokens[p];
  const take = (t?: string) => {
    const tok = tokens[p++];
    if (!tok || (t !== undefined && tok.text !== t)) throw new Error(`expected ${t}`);
    return tok;
  };
  const call = (name: string, args: FormulaValue[]): FormulaValue => {
    const bad = args.find(isError);
    switch (name) {
      case 'ISNUMBER':
        return typeof args[0] === 'number';
      case 'SEARCH':
      case 'FIND': {
        if (bad) return bad;
        const within = text(args[1]);
        const found = name === 'SEARCH' ? within.toLowerCase().indexOf(text(args[0]).toLowerCase()) : within.indexOf(text(args[0]));
        return found < 0 ? { error: '#VALUE!' } : found + 1;
      }
      case 'LEN':
        return bad ?? text(args[0]).length;
      case 'EXACT':
        return bad ?? text(args[0]) === text(args[1]);
      case 'AND':
        return bad ?? args.every((a) => a === true || (typeof a === 'number' && a !== 0));
      case 'OR':
        return bad ?? args.some((a) => a === true || (typeof a === 'number' && a !== 0));
      case 'NOT':
        return bad ?? !(args[0] === true || (typeof args[0] === 'number' && args[0] !== 0));
    }
    return { error: '#NAME?' };
  };
  const primary = (): FormulaValue => {
    const tok = take();
    if (tok.kind === 'str') return tok.text;
    if (tok.kind === 'num') return Number(tok.text);
    if (tok.kind === 'err') return { error: tok.text };
    if (tok.kind === 'ref') {
      const r = tok.ref!;
      const row = r.fixedRow ? r.row : r.row + (at.row - at.originRow);
      const column = r.fixedColumn ? r.column : r.column + (at.column - at.originColumn);
      if (row < 1 || column < 1) return { error: '#REF!' };
      return cell(row, column);
    }
    if (tok.kind === 'name') {
      if (tok.text === 'TRUE' || tok.text === 'FALSE') return tok.text === 'TRUE';
      take('(');
      const args: FormulaValue[] = [];
      if (peek()?.text !== ')') {
        args.push(comparison());
        while (peek()?.text === ',') {
          take(',');
          args.push(comparison());
        }
      }
      take(')');
      return call(tok.text, args);
    }
    if (tok.text === '(') {
      const v = comparison();
      take(')');
      return v;
    }
    throw new Error(`unexpected ${tok.text}`);
  };
  const concat = (): FormulaValue => {
    let v = primary();
    while (peek()?.text === '&') {
      take('&');
      const w = primary();
      v = isError(v) ? v : isError(w) ? w : text(v) + text(w);
    }
    return v;
  };
  const comparison = (): FormulaValue => {
    const v = concat();
    const op = peek()?.text;
    if (op !== '=' && op !== '<>') return v;
    take(op);
    const w = concat();
    if (isError(v)) return v;
    if (isError(w)) return w;
    const same = typeof v === 'string' && typeof w === 'string' ? v.toLowerCase() === w.toLowerCase() : v === w;
    return op === '=' ? same : !same;
  };
  try {
    const v = comparison();
    return p === tokens.length ? v : { error: '#NAME?' };
  } catch {
    return { error: '#NAME?' };
  }
}
