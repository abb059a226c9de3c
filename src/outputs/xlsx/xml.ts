/**
 * Small XML helpers of the package reader and patcher: parsing (saxes for the small parts, htmlparser2's
 * tokenizer for the big ones that stream) and text escaping.
 */
import { Tokenizer } from 'htmlparser2';
import { SaxesParser } from 'saxes';

export interface XmlHandlers {
  /** A start tag: local name (prefix dropped) and attributes by their names as written (`r:id`). */
  open?: (local: string, attributes: Record<string, string>, selfClosing: boolean) => void;
  close?: (local: string) => void;
  text?: (text: string) => void;
}

const localName = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

function parserFor(handlers: XmlHandlers): { parser: SaxesParser; failure: () => Error | null } {
  const parser = new SaxesParser({ xmlns: false, position: false });
  let failure: Error | null = null;
  parser.on('error', (err) => {
    failure ??= err;
  });
  if (handlers.open) {
    const open = handlers.open;
    parser.on('opentag', (tag) => open(localName(tag.name), tag.attributes as Record<string, string>, tag.isSelfClosing));
  }
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag) => close(localName(tag.name)));
  }
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  return { parser, failure: () => failure };
}

/** Parses XML text given chunk by chunk; a malformed part throws with the parser's message. */
export function parseXml(chunks: Iterable<string>, handlers: XmlHandlers): void {
  const { parser, failure } = parserFor(handlers);
  for (const chunk of chunks) {
    parser.write(chunk);
    if (failure()) throw failure();
  }
  parser.close();
  if (failure()) throw failure();
}

/**
 * The same, for text that streams in (a sheet or the shared strings read from disk as they inflate).
 * These parts hold millions of tags: htmlparser2's tokenizer hands over positions instead of an object and
 * an attribute dictionary per tag, and reads a 100,000-row sheet in half saxes's time with a fraction of the
 * garbage. It does not check well-formedness, so XmlStream matches every close tag to its open tag: a cut or
 * mismatched part still fails with a message.
 */
export async function parseXmlStream(chunks: AsyncIterable<string>, handlers: XmlHandlers): Promise<void> {
  const stream = new XmlStream(handlers);
  for await (const chunk of chunks) stream.write(chunk);
  stream.end();
}

/**
 * The tokenizer's positions turned into the handlers' calls (as htmlparser2's own Parser does, without its HTML
 * rules). Text may be given in any pieces; a reader may also leave out whole elements (sheetRows.ts reads the
 * common rows of a sheet itself and gives this stream only the rest).
 */
export class XmlStream {
  private readonly tokenizer: Tokenizer;
  /** The chunks a position may still point into, the first starting at `offset`. */
  private readonly buffers: string[] = [];
  private offset = 0;
  /** Qualified names of the open elements. */
  private readonly open: string[] = [];
  private name = '';
  private attributes: Record<string, string> = {};
  private attributeName = '';
  private attributeValue = '';
  private failure: Error | null = null;
  private sawElement = false;
  /** Where the last piece of raw text ended, when it ended with a CR: a CRLF may be cut between two pieces. */
  private crEndsAt = -1;

  constructor(private readonly handlers: XmlHandlers) {
    this.tokenizer = new Tokenizer({ xmlMode: true, decodeEntities: true }, {
      // An attribute's line breaks and tabs read as spaces, a CRLF as one (XML 1.0 §3.3.3); a character
      // reference (&#10;) is the character itself.
      onattribdata: (start, end) => {
        const value = this.lineEnds(start, end);
        // Every cell has attributes: most hold neither, and are taken as they are.
        this.attributeValue += value.indexOf('\n') < 0 && value.indexOf('\t') < 0 ? value : value.replace(/[\n\t]/g, ' ');
      },
      onattribentity: (codepoint) => {
        this.attributeValue += String.fromCodePoint(codepoint);
      },
      onattribend: () => {
        this.attributes[this.attributeName] = this.attributeValue;
      },
      onattribname: (start, end) => {
        this.attributeName = this.slice(start, end);
        this.attributeValue = '';
      },
      oncdata: (start, end, endOffset) => this.handlers.text?.(this.lineEnds(start, end - endOffset)),
      onclosetag: (start, end) => this.close(this.slice(start, end)),
      oncomment: () => undefined,
      ondeclaration: () => undefined,
      onend: () => undefined,
      onopentagend: () => this.openTag(false),
      onopentagname: (start, end) => {
        this.name = this.slice(start, end);
        this.attributes = {};
      },
      onprocessinginstruction: () => undefined,
      onselfclosingtag: () => this.openTag(true),
      ontext: (start, end) => this.handlers.text?.(this.lineEnds(start, end)),
      ontextentity: (codepoint) => this.handlers.text?.(String.fromCodePoint(codepoint)),
    });
  }

  /** How many elements are open (2 inside a sheet's <sheetData>), whatever the tokenizer is in the middle of. */
  get depth(): number {
    return this.open.length;
  }

  /** The qualified name of the innermost open element, '' when none is. */
  get current(): string {
    return this.open[this.open.length - 1] ?? '';
  }

  write(chunk: string): void {
    if (chunk.length === 0) return;
    this.buffers.push(chunk);
    this.tokenizer.write(chunk);
    if (this.failure) throw this.failure;
  }

  end(): void {
    this.tokenizer.end();
    if (this.failure) throw this.failure;
    if (this.open.length > 0) throw new Error(`the part ends inside <${this.open[this.open.length - 1]}>: it is incomplete`);
    if (!this.sawElement) throw new Error('the part holds no XML element');
  }

  /**
   * Raw text between two positions with its line ends as XML reads them (XML 1.0 §2.11): CRLF and a lone CR
   * are LF. The tokenizer may hand over a CRLF in two pieces, one ending where the next starts.
   */
  private lineEnds(start: number, end: number): string {
    let text = this.slice(start, end);
    if (start === this.crEndsAt && text.charCodeAt(0) === 10) text = text.slice(1);
    this.crEndsAt = text.charCodeAt(text.length - 1) === 13 ? end : -1;
    return text.indexOf('\r') < 0 ? text : text.replace(/\r\n?/g, '\n');
  }

  private openTag(selfClosing: boolean): void {
    this.sawElement = true;
    this.handlers.open?.(localName(this.name), this.attributes, selfClosing);
    if (selfClosing) this.handlers.close?.(localName(this.name));
    else this.open.push(this.name);
  }

  private close(name: string): void {
    const expected = this.open.pop();
    if (expected !== name) {
      this.failure ??= new Error(expected === undefined ? `</${name}> closes no element` : `</${name}> where </${expected}> was expected`);
      return;
    }
    this.handlers.close?.(localName(name));
  }

  /** Text between two positions of the stream, which may span chunks (positions only move forward). */
  private slice(start: number, end: number): string {
    while (start - this.offset >= this.buffers[0].length) this.dropFirstBuffer();
    let text = this.buffers[0].slice(start - this.offset, end - this.offset);
    while (end - this.offset > this.buffers[0].length) {
      this.dropFirstBuffer();
      text += this.buffers[0].slice(0, end - this.offset);
    }
    return text;
  }

  private dropFirstBuffer(): void {
    this.offset += this.buffers[0].length;
    this.buffers.shift();
  }
}

/** An attribute by its local name, whatever its prefix (`r:id`, `id`). */
export function attribute(attributes: Record<string, string>, local: string): string | undefined {
  if (local in attributes) return attributes[local];
  for (const key of Object.keys(attributes)) if (localName(key) === local) return attributes[key];
  return undefined;
}

/** Text escaped for an XML element, with characters XML 1.0 forbids written as Excel does (`_x0001_`). */
const NEEDS_ESCAPE = /[&<>\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]|_x[0-9a-fA-F]{4}_/;

export function escapeText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text
    .replace(/_x([0-9a-fA-F]{4})_/g, '_x005F_x$1_')
    .replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}_`)
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** Text escaped for an attribute value in double quotes. */
export function escapeAttribute(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;')).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/** Excel's `_xHHHH_` escapes in stored text, decoded (`_x000D_` is a carriage return). */
export function decodeExcelEscapes(text: string): string {
  if (text.indexOf('_x') < 0) return text;
  return text.replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Element text or an attribute value as it reads: the five named entities and character references decoded. */
export function unescapeXml(text: string): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, name: string) => {
    if (name[0] === '#') return String.fromCodePoint(name[1] === 'x' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
    return ENTITIES[name] ?? whole;
  });
}
