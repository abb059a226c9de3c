/**
 * @jest-environment jsdom
 *
 * The pane's state hook on its own (no components): reads the sheet, codes it, follows runs from the ribbon.
 */
import { act, renderHook, waitFor } from '@testing-library/react';
import { hostFrom } from '../../excel/host';
import { publishRun } from '../../runtime/events';
import { createFakeExcel, FakeWorkbook } from '../../../test/fake-excel';
import { infusionSheet } from '../../../test/excel/sheetData';
import { excelGateway } from '../gateway';
import { useCodingSession } from './useCodingSession';

function session() {
  const model = new FakeWorkbook();
  model.addSheet('March', infusionSheet(12, 1));
  const gateway = excelGateway(hostFrom(createFakeExcel(model).run as never));
  return renderHook(() => useCodingSession(gateway));
}

describe('useCodingSession', () => {
  it('reads the active sheet, then codes it and points at its first problem', async () => {
    const { result } = session();
    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.sheetName).toBe('March');
    expect(result.current.mapping.drug).toBeGreaterThan(0);
    await act(() => result.current.code());
    expect(result.current.busy).toBeNull();
    expect(result.current.result?.summary?.rows).toBe(12);
    expect(result.current.notice?.title).toMatch(/^Coded/);
    if (result.current.problems.length > 0) {
      await act(() => result.current.select(0));
      expect(result.current.current).toBe(0);
    }
  }, 60_000);

  it('shows a failed run of the ribbon command', async () => {
    const { result } = session();
    await waitFor(() => expect(result.current.loading).toBe(false));
    act(() => publishRun({ kind: 'error', message: 'Excel said no' }));
    expect(result.current.notice).toMatchObject({ intent: 'error', title: 'Code rows failed', text: 'Excel said no' });
  }, 60_000);
});
