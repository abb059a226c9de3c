/**
 * An in-memory fake of the Excel JavaScript API, owned by the project (office-addin-mock is too thin for
 * collections and payload limits). See README.md in this folder for what it models.
 */
export { FakeWorkbook, FakeSheet, emptyStats } from './model';
export type { FakeValue, FakeFill, FakeStats, FakeTable, FakeComment, RecordedCall, RecordedObject, Rect } from './model';
export { FakeOfficeError, jsonBytes } from './context';
export { createFakeExcel, installFakeOffice, EXCEL_ENUMS } from './office';
export type { FakeExcel, FakeRequestContext, InstalledFakeOffice } from './office';
export { letters, localAddress, fullAddress, parseArea } from './address';

import type { FakeStats } from './model';

/** Largest request and response of a run, and sync count: the figures tests assert on. */
export function summarizeStats(stats: FakeStats): { syncs: number; maxRequestBytes: number; maxResponseBytes: number; totalRequestBytes: number } {
  return {
    syncs: stats.syncs,
    maxRequestBytes: Math.max(0, ...stats.requestBytes),
    maxResponseBytes: Math.max(0, ...stats.responseBytes),
    totalRequestBytes: stats.requestBytes.reduce((a, b) => a + b, 0),
  };
}
export { insertRows, deleteRows, insertColumns, deleteColumns, sortRows, filterRows, clearFilter } from './edits';
export { shownFill, ruleHolds } from './conditionalFormats';
export type { FakeConditionalFormat } from './model';
