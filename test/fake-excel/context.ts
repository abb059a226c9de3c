/**
 * The request context of the fake: queues operations like Office.js, runs them in order on sync(), counts
 * syncs and request/response bytes, and throws like Excel when a payload is over the limit.
 */
import type { FakeWorkbook } from './model';

export interface FakeAction {
  /** Approximate request bytes of the operation as the Office.js wire protocol would carry it. */
  bytes: number;
  /** Runs the operation on the model; returns the data sent back (counted as response bytes), if any. */
  exec(): unknown;
  /** What the operation is, for error messages. */
  what: string;
}

/** Errors shaped like OfficeExtension.Error: code + message + debugInfo. */
export class FakeOfficeError extends Error {
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(
    readonly code: string,
    message: string,
    errorLocation?: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'RichApi.Error';
    this.debugInfo = { code, message, errorLocation };
  }
}

export const ACTION_OVERHEAD_BYTES = 48;

export function jsonBytes(value: unknown): number {
  if (value === undefined) return 0;
  const s = JSON.stringify(value);
  if (s === undefined) return 0;
  // UTF-8 length, as on the wire.
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? (i++, 4) : 3;
  }
  return n;
}

export class FakeContextCore {
  private queue: FakeAction[] = [];
  private closed = false;
  /** Set by Application.suspend* for the next sync. */
  suspendCalculation = false;
  suspendScreenUpdating = false;
  /** True while a sync runs the queued operations (objects made then are resolved at once, not queued). */
  executing = false;

  /** The request context object the batch sees (what `Excel.run(context, batch)` hands back to a later batch). */
  owner: unknown = null;

  constructor(readonly model: FakeWorkbook) {}

  enqueue(action: FakeAction): void {
    if (this.closed) {
      throw new FakeOfficeError(
        'InvalidObjectPath',
        'The object path is not working for what you are trying to do. The object was used outside the Excel.run that created it.',
        action.what,
      );
    }
    this.queue.push(action);
  }

  get pending(): number {
    return this.queue.length;
  }

  close(): void {
    this.closed = true;
  }

  /** `Excel.run(earlierContext, batch)`: the context of an earlier run takes operations again. */
  reopen(): void {
    this.closed = false;
  }

  async sync(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    // Like Office.js, nothing runs before the round trip: a read right after sync() without await still throws.
    await Promise.resolve();
    const stats = this.model.stats;
    const requestBytes = batch.reduce((n, a) => n + a.bytes, 0) + 64;
    stats.syncs += 1;
    stats.requestBytes.push(requestBytes);
    stats.actions.push(batch.length);
    if (this.suspendCalculation) stats.calculationSuspended += 1;
    if (this.suspendScreenUpdating) stats.screenUpdatingSuspended += 1;
    this.suspendCalculation = false;
    this.suspendScreenUpdating = false;
    if (requestBytes > this.model.payloadLimit) {
      stats.responseBytes.push(0);
      throw new FakeOfficeError(
        'RequestPayloadSizeLimitExceeded',
        `The request payload size (${requestBytes} bytes) has exceeded the limit of ${this.model.payloadLimit} bytes.`,
      );
    }
    let responseBytes = 64;
    this.executing = true;
    try {
      for (const action of batch) {
        const out = action.exec();
        if (out !== undefined) responseBytes += jsonBytes(out);
      }
    } finally {
      this.executing = false;
      stats.responseBytes.push(responseBytes);
    }
    if (responseBytes > this.model.payloadLimit) {
      throw new FakeOfficeError(
        'ResponsePayloadSizeLimitExceeded',
        `The response payload size (${responseBytes} bytes) has exceeded the limit of ${this.model.payloadLimit} bytes.`,
      );
    }
  }
}
