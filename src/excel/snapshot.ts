/**
 * Everything a run or Clear needs to know about a sheet, read in the fewest syncs: the used range, the stored
 * settings, our conditional-format rules (first sync), the values in chunks, and every note riding on those
 * chunks' syncs.
 */
import type { Grid } from '../sheet/types';
import type { ExcelHost } from './host';
import { NoteScan, type ExistingNote } from './notes';
import { readGrid, readMeta, type CancelSignal, type ReadProgress, type SheetMeta } from './read';
import { emptySettings, parseSettings, type StoredSettings } from '../runtime/settings';

export interface SheetSnapshot {
  meta: SheetMeta;
  settings: StoredSettings;
  /** null when the sheet is empty. */
  grid: Grid | null;
  notes: ExistingNote[];
}

export interface SnapshotOptions {
  sheetName?: string;
  /** Read only the top rows (Clear needs the header, not the data). */
  maxRows?: (meta: SheetMeta, settings: StoredSettings) => number | undefined;
  signal?: CancelSignal;
  onProgress?: (p: ReadProgress) => void;
}

export async function readSnapshot(context: Excel.RequestContext, host: ExcelHost, options: SnapshotOptions = {}): Promise<SheetSnapshot> {
  const meta = await readMeta(context, host, options.sheetName);
  const settings = meta.settingsRaw === null ? emptySettings() : parseSettings(meta.settingsRaw);
  const scan = new NoteScan(meta.sheet, meta.noteKind, meta.noteCount);
  const grid = meta.empty
    ? null
    : await readGrid(context, meta, {
        maxRows: options.maxRows?.(meta, settings),
        signal: options.signal,
        onProgress: options.onProgress,
        ride: () => scan.queue(),
        afterSync: () => scan.collect(),
      });
  while (!scan.done) {
    scan.queue();
    // Only when a sheet has more notes than the read syncs could carry alongside the values.
    // eslint-disable-next-line office-addins/no-context-sync-in-loop
    await context.sync();
    scan.collect();
  }
  return { meta, settings, grid, notes: scan.found };
}
