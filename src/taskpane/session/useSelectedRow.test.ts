/**
 * @jest-environment jsdom
 *
 * The selected-row hook on a stub gateway: one read per pause, none while a run is going (one after it), and
 * a slow earlier read never overwrites a later one.
 */
import { act, renderHook, waitFor } from '@testing-library/react';
import type { RowView } from '../../excel/rowView';
import type { PaneGateway } from '../gateway';
import { SELECTION_REST_MS, useSelectedRow } from './useSelectedRow';

const view = (row: number): RowView => ({ sheetName: 'S', row, status: 'OK', cpt: [], hcpcs: [], hcpcsNdc: [], modifiers: '', minutes: null, findings: [], explanation: [] });

/** A gateway whose selection the test moves, answering each read after `delays[n]` ms (default 0). */
function stub(delays: number[] = []) {
  let selected = 2;
  let notify: (() => void) | null = null;
  const reads: number[] = [];
  const gateway = {
    async watchSelection(onChange: () => void) {
      notify = onChange;
      return async () => {
        notify = null;
      };
    },
    rowView() {
      const row = selected;
      const delay = delays[reads.length] ?? 0;
      reads.push(row);
      return new Promise<RowView | null>((resolve) => setTimeout(() => resolve(view(row)), delay));
    },
  } as unknown as PaneGateway;
  const select = (row: number) => {
    selected = row;
    notify?.();
  };
  return { gateway, reads, select, watching: () => notify !== null };
}

const rest = (times = 3) => act(() => new Promise<void>((resolve) => setTimeout(resolve, SELECTION_REST_MS * times)));

describe('useSelectedRow', () => {
  it('reads the selection when the pane opens, then once per pause of the selection', async () => {
    const s = stub();
    const { result } = renderHook(() => useSelectedRow(s.gateway, { paused: false, refresh: null }));
    await waitFor(() => expect(result.current?.row).toBe(2));
    await waitFor(() => expect(s.watching()).toBe(true));
    act(() => {
      for (let r = 3; r <= 9; r++) s.select(r);
    });
    await rest();
    expect(s.reads).toEqual([2, 9]);
    expect(result.current?.row).toBe(9);
  });

  it('reads nothing while a run is going, and the row once it ends', async () => {
    const s = stub();
    const { result, rerender } = renderHook(({ paused, refresh }) => useSelectedRow(s.gateway, { paused, refresh }), {
      initialProps: { paused: true, refresh: null as unknown },
    });
    await waitFor(() => expect(s.watching()).toBe(true));
    act(() => s.select(4));
    await rest();
    expect(s.reads).toEqual([]);
    rerender({ paused: false, refresh: 'result' });
    await waitFor(() => expect(result.current?.row).toBe(4));
    expect(s.reads).toEqual([4]);
  });

  it('keeps the latest read when an earlier one answers later', async () => {
    const s = stub([0, SELECTION_REST_MS * 4, 0]);
    const { result } = renderHook(() => useSelectedRow(s.gateway, { paused: false, refresh: null }));
    await waitFor(() => expect(result.current?.row).toBe(2));
    act(() => s.select(5)); // read 2: slow
    await rest(1.5);
    act(() => s.select(6)); // read 3: fast
    await rest(6);
    expect(s.reads).toEqual([2, 5, 6]);
    expect(result.current?.row).toBe(6);
  });

  it('stops watching when unmounted', async () => {
    const s = stub();
    const { unmount } = renderHook(() => useSelectedRow(s.gateway, { paused: false, refresh: null }));
    await waitFor(() => expect(s.watching()).toBe(true));
    unmount();
    await waitFor(() => expect(s.watching()).toBe(false));
  });
});
