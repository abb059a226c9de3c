/**
 * "Clear results": removes what the add-in wrote on a sheet and nothing else: the columns under our headers,
 * our conditional-format rules (by formula), and the notes whose text is still exactly ours.
 */
import { applyReconciliation } from './apply';
import { countSyncs, type ExcelHost } from './host';
import { readInput } from '../pipeline';
import { decideOwnership, reconcile, type Answers, type Question } from './reconcile';
import { readSnapshot } from './snapshot';
import { ledgerSaver, otherSettingsBytes } from './store';
import { mappingFor, workbookNoteFingerprints } from '../runtime/settings';
import { ownBlockTable } from '../sheet/headers';

export interface ClearResult {
  sheetName: string;
  /** Set when Clear stopped to ask (nothing was changed): clear again with `answers`. */
  question: Question | null;
  columnsCleared: number;
  rulesRemoved: number;
  notesDeleted: number;
  syncs: number;
  message: string;
  notices: string[];
}

export interface ClearOptions {
  sheetName?: string;
  answers?: Answers;
}

export async function clearSheet(host: ExcelHost, sheetNameOrOptions?: string | ClearOptions): Promise<ClearResult> {
  const opts: ClearOptions = typeof sheetNameOrOptions === 'string' ? { sheetName: sheetNameOrOptions } : (sheetNameOrOptions ?? {});
  return host.run(async (context) => {
    const syncs = countSyncs(context);
    // The whole table is read, as a run reads it: our columns are emptied down to the table's last row, so a
    // total the user typed under the table, after a blank row, in one of our columns stays.
    const { meta, settings, grid, notes } = await readSnapshot(context, host, { sheetName: opts.sheetName });
    const ledger = settings.ledgers[meta.id] ?? null;
    const base = { sheetName: meta.name, columnsCleared: 0, rulesRemoved: 0, notesDeleted: 0, notices: [] as string[] };
    const { table, question } = grid
      ? // Without a recognised table (a header of the user's renamed since), our columns are still found by their
        // own headers and emptied: leaving them, with the ledger gone, would leave them for good.
        decideOwnership(grid, (g) => readInput(g, { mapping: mappingFor(settings, meta) })?.table ?? ownBlockTable(g), ledger, opts.answers, true)
      : { table: null, question: null };
    if (question) return { ...base, question, syncs: syncs(), message: question.text };
    const changes = reconcile({
      state: { sheetId: meta.id, sheetName: meta.name, usedBottom: meta.rowIndex + meta.rowCount, notes, rules: meta.rules, noteKind: meta.noteKind },
      table,
      plan: null,
      ledger,
      at: new Date().toISOString(),
      workbookNotes: workbookNoteFingerprints(settings),
    });
    const write = await applyReconciliation(context, { sheet: meta.sheet, sheetName: meta.name }, changes, {
      noteKind: meta.noteKind,
      saveLedger: ledgerSaver(settings, meta.id),
      otherSettingsBytes: otherSettingsBytes(settings, meta.id),
    });
    const nothing = changes.columnsCleared === 0 && write.rulesRemoved === 0 && write.notesDeleted === 0;
    return {
      ...base,
      question: null,
      columnsCleared: changes.columnsCleared,
      rulesRemoved: write.rulesRemoved,
      notesDeleted: write.notesDeleted,
      syncs: syncs(),
      notices: changes.notices,
      message: nothing
        ? `Nothing to clear on ${meta.name}.`
        : `Removed ${changes.columnsCleared} result column(s), ${write.rulesRemoved} highlight rule(s) and ${write.notesDeleted} note(s) from ${meta.name}.`,
    };
  });
}
