/**
 * The zip container of an .xlsx, read and written in place on disk (APPNOTE 6.3.x): the central directory
 * is read from the end of the file, a big part (a sheet) streams from disk through Node's zlib as its text
 * is parsed (`textStream`), small parts are inflated whole (`text`, `whole`), and a copy is written entry by
 * entry. Untouched entries are copied as their compressed bytes, so every part we do not
 * rewrite is the very same data in the output. Nothing here holds a whole file in memory.
 */
import { closeSync, createReadStream, fstatSync, lstatSync, openSync, readSync, realpathSync, renameSync, rmSync, writeSync } from 'fs';
import * as fsPath from 'path';
import { pipeline } from 'stream';
import { StringDecoder } from 'string_decoder';
import * as zlib from 'zlib';
import { Deflate, Inflate } from 'fflate';

export class ZipError extends Error {}

export interface ZipEntry {
  /** Part name as stored (forward slashes, no leading slash). */
  name: string;
  nameBytes: Buffer;
  method: number;
  flags: number;
  dosTime: number;
  dosDate: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  versionMadeBy: number;
  externalAttributes: number;
}

const CHUNK = 1 << 20;
/** Parts up to this size are inflated in one call (small parts, and sheets of up to about 70,000 rows). */
const SMALL_PART = 64 << 20;

/** UTF-8 text of a part's chunks: a character split between chunks is kept whole, a leading BOM dropped. */
class Utf8Chunks {
  private readonly decoder = new StringDecoder('utf8');
  private first = true;
  write(bytes: Uint8Array): string {
    let s = this.decoder.write(bytes as Buffer);
    if (this.first && s.length > 0) {
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
      this.first = false;
    }
    return s;
  }
  /** What is left at the end: a character cut off by the end of the part becomes U+FFFD. */
  end(): string {
    return this.decoder.end();
  }
}

/** A zip file opened for reading parts at their offsets. */
export class ZipReader {
  readonly entries: ZipEntry[] = [];
  private readonly byName = new Map<string, ZipEntry>();
  private readonly fd: number;

  /** `inflateWholeUpTo`: parts up to this size inflate in one call (tests lower it to reach the streaming path). */
  constructor(
    readonly path: string,
    private readonly options: { inflateWholeUpTo?: number } = {},
  ) {
    this.fd = openSync(path, 'r');
    try {
      this.readDirectory(fstatSync(this.fd).size);
    } catch (err) {
      closeSync(this.fd);
      throw err;
    }
  }

  close(): void {
    closeSync(this.fd);
  }

  get(name: string): ZipEntry | undefined {
    return this.byName.get(name) ?? this.byName.get(name.toLowerCase());
  }

  private read(position: number, length: number): Buffer {
    const buf = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, buf, done, length - done, position + done);
      if (n === 0) throw new ZipError('the file ends early');
      done += n;
    }
    return buf;
  }

  private readDirectory(fileSize: number): void {
    const tailLength = Math.min(fileSize, 22 + 65535);
    const tail = this.read(fileSize - tailLength, tailLength);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ZipError('no zip directory (the file is damaged or not a workbook)');
    let count = tail.readUInt16LE(eocd + 10);
    let dirSize = tail.readUInt32LE(eocd + 12);
    let dirOffset = tail.readUInt32LE(eocd + 16);
    if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
      // Zip64: the locator sits just before the end record.
      const locatorAt = fileSize - tailLength + eocd - 20;
      const locator = this.read(locatorAt, 20);
      if (locator.readUInt32LE(0) !== 0x07064b50) throw new ZipError('damaged zip64 directory');
      const record = this.read(Number(locator.readBigUInt64LE(8)), 56);
      count = Number(record.readBigUInt64LE(32));
      dirSize = Number(record.readBigUInt64LE(40));
      dirOffset = Number(record.readBigUInt64LE(48));
    }
    const dir = this.read(dirOffset, dirSize);
    let at = 0;
    for (let i = 0; i < count; i++) {
      if (dir.readUInt32LE(at) !== 0x02014b50) throw new ZipError('damaged zip directory');
      const nameLength = dir.readUInt16LE(at + 28);
      const extraLength = dir.readUInt16LE(at + 30);
      const commentLength = dir.readUInt16LE(at + 32);
      const nameBytes = Buffer.from(dir.subarray(at + 46, at + 46 + nameLength));
      const flags = dir.readUInt16LE(at + 8);
      const entry: ZipEntry = {
        name: nameBytes.toString(flags & 0x800 ? 'utf8' : 'latin1').replace(/\\/g, '/').replace(/^\//, ''),
        nameBytes,
        method: dir.readUInt16LE(at + 10),
        flags,
        dosTime: dir.readUInt16LE(at + 12),
        dosDate: dir.readUInt16LE(at + 14),
        crc: dir.readUInt32LE(at + 16),
        compressedSize: dir.readUInt32LE(at + 20),
        size: dir.readUInt32LE(at + 24),
        localOffset: dir.readUInt32LE(at + 42),
        versionMadeBy: dir.readUInt16LE(at + 4),
        externalAttributes: dir.readUInt32LE(at + 38),
      };
      readZip64Extra(entry, dir.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
      this.entries.push(entry);
      this.byName.set(entry.name, entry);
      if (!this.byName.has(entry.name.toLowerCase())) this.byName.set(entry.name.toLowerCase(), entry);
      at += 46 + nameLength + extraLength + commentLength;
    }
  }

  /** Offset of an entry's compressed bytes (after its local header). */
  dataOffset(entry: ZipEntry): number {
    const local = this.read(entry.localOffset, 30);
    if (local.readUInt32LE(0) !== 0x04034b50) throw new ZipError(`damaged entry ${entry.name}`);
    return entry.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  }

  /** The compressed bytes of an entry, chunk by chunk. */
  *raw(entry: ZipEntry): Generator<Buffer> {
    const start = this.dataOffset(entry);
    for (let done = 0; done < entry.compressedSize; done += CHUNK) {
      yield this.read(start + done, Math.min(CHUNK, entry.compressedSize - done));
    }
  }

  private checkReadable(entry: ZipEntry): void {
    if (entry.flags & 1) throw new ZipError(`the part ${entry.name} is encrypted`);
    if (entry.method !== 0 && entry.method !== 8) throw new ZipError(`the part ${entry.name} uses an unsupported compression (${entry.method})`);
  }

  /**
   * The uncompressed bytes of an entry, chunk by chunk (stored or deflated), for parts read synchronously:
   * up to SMALL_PART bytes inflated at once by Node's zlib, a bigger part streamed through fflate's inflater
   * (slower, but never the whole part in memory; the big sheets take `stream` instead).
   */
  *bytes(entry: ZipEntry): Generator<Uint8Array> {
    const check = new PartCheck(entry);
    for (const chunk of this.inflated(entry)) {
      check.add(chunk);
      yield chunk;
    }
    check.end();
  }

  private *inflated(entry: ZipEntry): Generator<Uint8Array> {
    this.checkReadable(entry);
    if (entry.method === 0) {
      yield* this.raw(entry);
      return;
    }
    if (entry.size <= (this.options.inflateWholeUpTo ?? SMALL_PART)) {
      const compressed = Buffer.concat([...this.raw(entry)]);
      // The declared size bounds the output: a part that inflates to more is damaged (or a zip bomb).
      const data = zlib.inflateRawSync(compressed, { maxOutputLength: Math.max(entry.size, 1) });
      for (let at = 0; at < data.length; at += CHUNK) yield data.subarray(at, at + CHUNK);
      return;
    }
    const out: Uint8Array[] = [];
    const inflate = new Inflate((chunk) => {
      out.push(chunk);
    });
    let left = entry.compressedSize;
    for (const chunk of this.raw(entry)) {
      left -= chunk.length;
      inflate.push(chunk, left === 0);
      while (out.length > 0) yield out.shift() as Uint8Array;
    }
    if (entry.compressedSize === 0) inflate.push(new Uint8Array(0), true);
    while (out.length > 0) yield out.shift() as Uint8Array;
  }

  /** An entry as text, chunk by chunk (UTF-8; a chunk never splits a character). */
  *text(entry: ZipEntry): Generator<string> {
    const decoder = new Utf8Chunks();
    for (const bytes of this.bytes(entry)) {
      const s = decoder.write(bytes);
      if (s.length > 0) yield s;
    }
    const rest = decoder.end();
    if (rest.length > 0) yield rest;
  }

  /**
   * An entry as text as it streams from disk through Node's zlib (native, on the thread pool while the text
   * is parsed): how the sheets, however big, are read. Holds one chunk at a time.
   */
  async *textStream(entry: ZipEntry): AsyncGenerator<string> {
    this.checkReadable(entry);
    if (entry.compressedSize === 0) return;
    const start = this.dataOffset(entry);
    const file = createReadStream(this.path, { start, end: start + entry.compressedSize - 1, highWaterMark: CHUNK });
    const source = entry.method === 0 ? file : pipeline(file, zlib.createInflateRaw({ chunkSize: CHUNK }), () => undefined);
    const decoder = new Utf8Chunks();
    const check = new PartCheck(entry);
    for await (const bytes of source as AsyncIterable<Buffer>) {
      check.add(bytes);
      const s = decoder.write(bytes);
      if (s.length > 0) yield s;
    }
    check.end();
    const rest = decoder.end();
    if (rest.length > 0) yield rest;
  }

  /** A small part (workbook, relationships, styles) as one string. */
  whole(entry: ZipEntry): string {
    let s = '';
    for (const chunk of this.text(entry)) s += chunk;
    return s;
  }
}

/**
 * A part's bytes against its size and CRC-32 from the zip directory: a changed byte in a stored part, or a
 * deflated one that still inflates, is damage, reported as such rather than read as the user's data.
 */
class PartCheck {
  private crc = 0;
  private size = 0;
  constructor(private readonly entry: ZipEntry) {}
  add(bytes: Uint8Array): void {
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.length;
    // Stopped as soon as it passes its declared size: a part that inflates without end (a zip bomb) is not read on.
    if (this.size > this.entry.size) this.end();
  }
  end(): void {
    if (this.size !== this.entry.size || this.crc !== this.entry.crc) {
      throw new ZipError(`the part ${this.entry.name} does not match its ${this.size !== this.entry.size ? 'size' : 'checksum'} in the zip directory`);
    }
  }
}

function readZip64Extra(entry: ZipEntry, extra: Buffer): void {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(at);
    const size = extra.readUInt16LE(at + 2);
    if (id === 1) {
      let p = at + 4;
      const next = () => {
        const v = Number(extra.readBigUInt64LE(p));
        p += 8;
        return v;
      };
      if (entry.size === 0xffffffff) entry.size = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localOffset === 0xffffffff) entry.localOffset = next();
      return;
    }
    at += 4 + size;
  }
}

/** CRC-32 (zip's checksum): Node's own when it has one (20.15+), else a table. */
const nodeCrc = (zlib as unknown as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
let table: Int32Array | null = null;
export function crc32(data: Uint8Array, value = 0): number {
  if (nodeCrc) return nodeCrc(data, value);
  if (!table) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
  }
  let c = ~value;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/**
 * zlib's fastest level: a coded sheet is mostly our own repeated text, and level 6 took twice the time of
 * the whole rest of the write for a file about a quarter smaller.
 */
const DEFLATE_LEVEL = 1;

/**
 * A raw deflate stream fed chunk by chunk. Node's zlib compresses each chunk ending on a sync flush (no final
 * block), and an empty final block closes the stream: a valid deflate stream, several times faster than the
 * pure-JS compressor, which stays as the fallback where zlib lacks the sync call.
 */
function deflater(out: (data: Uint8Array) => void): (chunk: Uint8Array, final: boolean) => void {
  if (typeof zlib.deflateRawSync === 'function') {
    const options = { level: DEFLATE_LEVEL, finishFlush: zlib.constants.Z_SYNC_FLUSH };
    return (chunk, final) => {
      if (chunk.length > 0) out(zlib.deflateRawSync(chunk, options));
      if (final) out(zlib.deflateRawSync(Buffer.alloc(0)));
    };
  }
  const deflate = new Deflate({ level: DEFLATE_LEVEL }, (data) => out(data));
  return (chunk, final) => deflate.push(chunk, final);
}

/** Chunks deflated at once on zlib's thread pool at most; more would only hold more of the sheet in memory. */
const IN_FLIGHT = 4;

/**
 * The same stream with each chunk deflated on zlib's thread pool (several at once: each chunk is compressed
 * on its own, as above), written in order as they complete. The returned promise, when there is one, is to be
 * awaited before the next chunk: it resolves once fewer than IN_FLIGHT chunks are waiting (and, for the final
 * chunk, once every chunk is written).
 */
function backgroundDeflater(out: (data: Uint8Array) => void): (chunk: Uint8Array, final: boolean) => Promise<void> | void {
  if (typeof zlib.deflateRaw !== 'function') return deflater(out);
  // Output space for a whole deflated chunk at once: with zlib's 16 KB default, each chunk came back to this
  // thread eight times or so to be given more room (about 0.1 s per 100,000 rows).
  const options = { level: DEFLATE_LEVEL, finishFlush: zlib.constants.Z_SYNC_FLUSH, chunkSize: CHUNK / 4 };
  const queue: Promise<Buffer>[] = [];
  const deflated = (chunk: Uint8Array, opts: zlib.ZlibOptions) =>
    new Promise<Buffer>((resolve, reject) => zlib.deflateRaw(chunk, opts, (err, data) => (err ? reject(err) : resolve(data))));
  const start = (chunk: Uint8Array, opts: zlib.ZlibOptions) => {
    const p = deflated(chunk, opts);
    p.catch(() => undefined); // reported by the drain that awaits it, not as an unhandled rejection
    queue.push(p);
  };
  const drainTo = async (size: number) => {
    while (queue.length > size) out(await (queue.shift() as Promise<Buffer>));
  };
  return (chunk, final) => {
    if (chunk.length > 0) start(chunk, options);
    if (final) {
      start(Buffer.alloc(0), {});
      return drainTo(0);
    }
    if (queue.length >= IN_FLIGHT) return drainTo(IN_FLIGHT - 1);
  };
}

interface Written {
  entry: ZipEntry;
  offset: number;
}

/**
 * A zip written entry by entry to a file. New parts are deflated as they stream in; their local header is
 * patched with the checksum and sizes once the part is complete (no data descriptors).
 */
export class ZipWriter {
  private readonly fd: number;
  private position = 0;
  private readonly written: Written[] = [];

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  private write(bytes: Uint8Array): void {
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done, this.position + done);
    this.position += bytes.length;
  }

  private localHeader(entry: ZipEntry): Buffer {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(entry.flags & 0x800, 6);
    h.writeUInt16LE(entry.method, 8);
    h.writeUInt16LE(entry.dosTime, 10);
    h.writeUInt16LE(entry.dosDate, 12);
    h.writeUInt32LE(entry.crc, 14);
    h.writeUInt32LE(entry.compressedSize, 18);
    h.writeUInt32LE(entry.size, 22);
    h.writeUInt16LE(entry.nameBytes.length, 26);
    h.writeUInt16LE(0, 28);
    return h;
  }

  private checkSize(entry: ZipEntry): void {
    if (entry.size >= 0xffffffff || entry.compressedSize >= 0xffffffff || this.position >= 0xffffffff) {
      throw new ZipError('the coded copy would pass 4 GB, beyond what this version writes');
    }
  }

  /** Copies an entry of another zip as its compressed bytes. */
  copy(from: ZipReader, entry: ZipEntry): void {
    const out = { ...entry, flags: entry.flags & 0x800 };
    this.checkSize(out);
    this.written.push({ entry: out, offset: this.position });
    this.write(this.localHeader(out));
    this.write(out.nameBytes);
    for (const chunk of from.raw(entry)) this.write(chunk);
  }

  /** Adds a part from text chunks (deflated). `like` gives its time stamp (kept from the input when there is one). */
  add(name: string, chunks: Iterable<string | Uint8Array>, like?: ZipEntry): void {
    const part = this.begin(name, like);
    for (const chunk of chunks) part.write(chunk);
    part.end();
  }

  /** The same for chunks that stream in (the coded sheet, patched as the input sheet inflates). */
  async addStream(name: string, chunks: AsyncIterable<string | Uint8Array>, like?: ZipEntry): Promise<void> {
    const part = this.begin(name, like, true);
    for await (const chunk of chunks) {
      const waiting = part.write(chunk);
      if (waiting) await waiting;
    }
    await part.end();
  }

  /**
   * A new part: its local header now, its bytes as they are written, its checksum and sizes at the end.
   * `inBackground`: each 1 MB is deflated on zlib's thread pool while the caller makes the next (a coded
   * million-row sheet spent 4 s of its write in the deflater); `write` then returns a promise to wait for when
   * enough chunks are in flight, and the compressed chunks are written in order.
   */
  private begin(name: string, like?: ZipEntry, inBackground = false): { write: (chunk: string | Uint8Array) => Promise<void> | void; end: () => Promise<void> | void } {
    const entry: ZipEntry = {
      name,
      nameBytes: Buffer.from(name, 'utf8'),
      method: 8,
      flags: /^[\x20-\x7e]*$/.test(name) ? 0 : 0x800,
      dosTime: like?.dosTime ?? 0,
      dosDate: like?.dosDate ?? ((2026 - 1980) << 9) | (1 << 5) | 1,
      crc: 0,
      compressedSize: 0,
      size: 0,
      localOffset: 0,
      versionMadeBy: like?.versionMadeBy ?? 20,
      externalAttributes: like?.externalAttributes ?? 0,
    };
    const headerAt = this.position;
    this.written.push({ entry, offset: headerAt });
    this.write(this.localHeader(entry));
    this.write(entry.nameBytes);
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    const out = (data: Uint8Array) => {
      entry.compressedSize += data.length;
      this.write(data);
    };
    const deflate = inBackground ? backgroundDeflater(out) : deflater(out);
    const flush = (final: boolean): Promise<void> | void => {
      const joined = pending.length === 1 ? pending[0] : Buffer.concat(pending);
      pending = [];
      pendingBytes = 0;
      entry.crc = crc32(joined, entry.crc);
      entry.size += joined.length;
      return deflate(joined, final);
    };
    return {
      write: (chunk) => {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        if (bytes.length === 0) return;
        pending.push(bytes);
        pendingBytes += bytes.length;
        if (pendingBytes >= CHUNK) return flush(false);
      },
      end: () => {
        const close = () => {
          this.checkSize(entry);
          const header = this.localHeader(entry);
          writeSync(this.fd, header, 0, header.length, headerAt);
        };
        const last = flush(true);
        if (last) return last.then(close);
        close();
      },
    };
  }

  /** Writes the central directory and closes the file. */
  finish(): void {
    const dirOffset = this.position;
    for (const { entry, offset } of this.written) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(entry.versionMadeBy, 4);
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(entry.flags & 0x800, 8);
      h.writeUInt16LE(entry.method, 10);
      h.writeUInt16LE(entry.dosTime, 12);
      h.writeUInt16LE(entry.dosDate, 14);
      h.writeUInt32LE(entry.crc, 16);
      h.writeUInt32LE(entry.compressedSize, 20);
      h.writeUInt32LE(entry.size, 24);
      h.writeUInt16LE(entry.nameBytes.length, 28);
      h.writeUInt32LE(entry.externalAttributes, 38);
      h.writeUInt32LE(offset, 42);
      this.write(h);
      this.write(entry.nameBytes);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.written.length, 8);
    end.writeUInt16LE(this.written.length, 10);
    end.writeUInt32LE(this.position - dirOffset, 12);
    end.writeUInt32LE(dirOffset, 16);
    this.write(end);
    this.close();
  }

  /** Closes without finishing (after an error); nothing to do once finished or closed. */
  abort(): void {
    try {
      this.close();
    } catch {
      // The error being handled is the one to report, not a failed close.
    }
  }

  private closed = false;
  private close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}

/**
 * Writes a package to a temporary file beside `outPath`, then renames it into place: a failure (a full disk,
 * the file open in Excel on Windows) leaves the old file as it was and no half-written one.
 */
export async function writePackage(outPath: string, write: (writer: ZipWriter) => Promise<void> | void): Promise<void> {
  // A symbolic link is written through, as any program saving to it would: the link stays, its file changes.
  if (lstatSync(outPath, { throwIfNoEntry: false })?.isSymbolicLink()) {
    try {
      outPath = realpathSync(outPath);
    } catch {
      // A link to nothing: written as a file in its place.
    }
  }
  const temp = fsPath.join(fsPath.dirname(outPath), `.${fsPath.basename(outPath)}.${process.pid}.tmp`);
  const writer = new ZipWriter(temp);
  try {
    await write(writer);
    writer.finish();
    renameSync(temp, outPath);
  } catch (err) {
    writer.abort();
    rmSync(temp, { force: true });
    throw err;
  }
}
