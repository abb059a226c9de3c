/**
 * Runs started outside the pane (the ribbon's "Code rows") share the runtime with the pane: this tiny
 * store lets the pane show their result when it opens or while it is open.
 */
import type { CodeSheetResult } from '../excel/run';

export type RunEvent = { kind: 'result'; result: CodeSheetResult } | { kind: 'error'; message: string } | { kind: 'started' };

type Listener = (event: RunEvent) => void;

const listeners = new Set<Listener>();
let last: RunEvent | null = null;

export function publishRun(event: RunEvent): void {
  last = event;
  for (const l of [...listeners]) l(event);
}

/** Calls `listener` on every later event; returns the unsubscribe function. */
export function subscribeRuns(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function lastRun(): RunEvent | null {
  return last;
}
