/**
 * "This row": the view of the row the user has selected, following the selection. Selection events come in
 * bursts (a drag, arrow keys, a click on another sheet), so the row is read once the selection has rested
 * (one Excel.run of one sync), never per event. While a run is going nothing is read; the row is read again
 * when the run ends, since the run may have rewritten it.
 */
import * as React from 'react';
import type { RowView } from '../../excel/rowView';
import type { PaneGateway } from '../gateway';

/** How long the selection must rest before the row is read. */
export const SELECTION_REST_MS = 150;

export interface SelectedRowOptions {
  /** True while a run is going: reads wait for its end. */
  paused: boolean;
  /** Read the row again when this changes (the run's result). */
  refresh: unknown;
}

export function useSelectedRow(gateway: PaneGateway, { paused, refresh }: SelectedRowOptions): RowView | null {
  const [row, setRow] = React.useState<RowView | null>(null);
  const pausedRef = React.useRef(paused);
  /** Schedules one read after the rest; null before the effect below has run or after unmount. */
  const schedule = React.useRef<(() => void) | null>(null);

  React.useEffect(() => {
    pausedRef.current = paused;
  }, [paused]);

  React.useEffect(() => {
    const { watchSelection, rowView } = gateway;
    if (!rowView) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    /** Numbers the reads: only the latest one may set the row (an older, slower one must not overwrite it). */
    let reads = 0;
    const read = () => {
      timer = null;
      if (!live || pausedRef.current) return;
      const n = ++reads;
      rowView().then(
        (r) => live && n === reads && setRow(r),
        () => live && n === reads && setRow(null),
      );
    };
    schedule.current = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(read, SELECTION_REST_MS);
    };
    let remove: (() => Promise<void>) | null = null;
    watchSelection?.(() => schedule.current?.()).then(
      (off) => {
        if (live) remove = off;
        else void off().catch(() => undefined);
      },
      () => undefined,
    );
    return () => {
      live = false;
      schedule.current = null;
      if (timer) clearTimeout(timer);
      void remove?.().catch(() => undefined);
    };
  }, [gateway]);

  // Read the selected row when the pane opens, when a run ends and after each result.
  React.useEffect(() => {
    if (!paused) schedule.current?.();
  }, [paused, refresh]);

  return row;
}
