/** Small XML helpers of the package reader and patcher: a streaming parse (saxes) and text escaping. */
import { SaxesParser } from 'saxes';

export interface XmlHandlers {
  /** A start tag: local name (prefix dropped) and attributes by their names as written (`r:id`). */
  open?: (local: string, attributes: Record<string, string>, selfClosing: boolean) => void;
  close?: (local: string) => void;
  text?: (text: string) => void;
  /** After each chunk of a stream is parsed (a reader passing on the rows read so far). */
  chunk?: () => void;
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

/** The same, for text that streams in (a sheet read from disk as it inflates). */
export async function parseXmlStream(chunks: AsyncIterable<string>, handlers: XmlHandlers): Promise<void> {
  const { parser, failure } = parserFor(handlers);
  for await (const chunk of chunks) {
    parser.write(chunk);
    if (failure()) throw failure();
    handlers.chunk?.();
  }
  parser.close();
  if (failure()) throw failure();
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
