/**
 * "Code rows" on a worksheet, in one Excel.run: read (values in chunks, notes and our rules riding along) ->
 * sheet -> rules -> plan -> reconcile with what is on the sheet and in the ledger -> write in batches.
 */
import { codeSheetInputInSteps, problemLines, readInput, summarize, type PipelineSettings, type RunSummary, type SheetInput } from '../pipeline';
import { resolveOptions, type CodingOptions, type CodingOptionsInput } from '../rules/options';
import { planWrite } from '../sheet';
import { missingHeaders } from '../sheet/mapping';
import { applyReconciliation, type WriteReport } from './apply';
import { countSyncs, type ExcelHost } from './host';
import { throwIfCancelled, CancelledError, type CancelSignal } from './read';
import { decideOwnership, planBesideFlags, reconcile, type Answers, type Question } from './reconcile';
import { mappingFor, workbookNoteFingerprints, type MappingOverride } from '../runtime/settings';
import { readSnapshot } from './snapshot';
import { ledgerSaver, otherSettingsBytes } from './store';
import { workbookTables } from '../runtime/tables';
import { readClaimsSheets, readOtherSheet } from './tables';
import { PANE_LOAD_HINTS } from './loadHints';
import { summarizeClaims } from '../claims/check';
import { claimsSummaryLines } from '../claims/summary';
import { writeOwnedSheets } from './ownedSheets';

export type Phase = 'reading' | 'coding' | 'writing' | 'done';

export interface Progress {
  phase: Phase;
  /** 0..1 over the whole run. */
  fraction: number;
  message: string;
}

export interface CodeSheetOptions {
  sheetName?: string;
  /** Options for this run; the stored options when absent. */
  options?: CodingOptionsInput | CodingOptions;
  /** Mapping corrections for this run; the stored ones when absent. */
  mapping?: MappingOverride;
  /** The user's answer to a question an earlier attempt returned. */
  answers?: Answers;
  signal?: CancelSignal;
  onProgress?: (p: Progress) => void;
}

export interface CodeSheetResult {
  sheetName: string;
  sheetId: string;
  /** Nothing to code: no header row found (the message says why). */
  noTable: boolean;
  cancelled: boolean;
  /** Set when the run stopped to ask (nothing was written): run again with `answers`. */
  question: Question | null;
  summary: RunSummary | null;
  write: WriteReport | null;
  /** context.sync() calls of the whole run (read + write). */
  syncs: number;
  cellsRead: number;
  message: string;
  notices: string[];
}

/** Lets the pane paint and take a Cancel click between the long pure steps (reading and writing yield at each sync). */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function codeSheet(host: ExcelHost, opts: CodeSheetOptions = {}): Promise<CodeSheetResult> {
  const progress = (phase: Phase, fraction: number, message: string) => opts.onProgress?.({ phase, fraction, message });
  /** Says what comes next, lets the pane show it, and stops here if the user cancelled. */
  const step = async (fraction: number, message: string) => {
    progress('coding', fraction, message);
    await breathe();
    throwIfCancelled(opts.signal);
  };
  return host.run(async (context) => {
    const syncs = countSyncs(context);
    progress('reading', 0, 'Reading the sheet');
    const { meta, settings, grid, notes } = await readSnapshot(context, host, {
      sheetName: opts.sheetName,
      signal: opts.signal,
      onProgress: ({ rowsRead, totalRows }) =>
        progress('reading', 0.45 * (rowsRead / Math.max(1, totalRows)), `Reading rows: ${rowsRead.toLocaleString('en-US')} of ${totalRows.toLocaleString('en-US')}`),
    });
    const base = { sheetName: meta.name, sheetId: meta.id, cancelled: false, question: null, summary: null, write: null, notices: [] as string[] };
    const cellsRead = meta.rowCount * meta.columnCount;
    if (!grid) {
      return { ...base, noTable: true, syncs: syncs(), cellsRead: 0, message: `${meta.name} is empty: there are no rows to code.` };
    }
    const mueGrid = settings.mueSheet ? await readOtherSheet(context, host, settings.mueSheet) : null;
    if (settings.mueSheet && !mueGrid) base.notices.push(`The MUE sheet '${settings.mueSheet}' was not found; the built-in MUE values were used.`);
    const claimsSheets = await readClaimsSheets(context, host, settings);
    base.notices.push(...claimsSheets.notices);
    throwIfCancelled(opts.signal);

    await step(0.45, 'Finding the header row');
    const ledger = settings.ledgers[meta.id] ?? null;
    const pipeline: PipelineSettings = {
      options: resolveOptions(opts.options ?? settings.options),
      mapping: opts.mapping ?? mappingFor(settings, meta),
      actions: settings.actions,
    };
    // The input read last is the one coded (the grid as it is, or with our headers put back).
    let input: SheetInput | null = null;
    const owned = decideOwnership(grid, (g) => (input = readInput(g, pipeline))?.table ?? null, ledger, opts.answers, false);
    if (owned.question) {
      return { ...base, noTable: false, question: owned.question, syncs: syncs(), cellsRead, message: owned.question.text };
    }
    const loaded = workbookTables(settings, mueGrid, claimsSheets.grids);
    base.notices.push(...problemLines(loaded.loads).slice(0, 5));
    // A saved column whose header was renamed since: said, not guessed around (it may be why no table is found).
    const missing = missingHeaders(owned.grid, pipeline.mapping).map(({ field, header }) => `${field} ('${header}')`);
    const missingText = missing.length
      ? `The saved column choice${missing.length === 1 ? '' : 's'} for ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} no longer a header on ${meta.name} (renamed or deleted?): choose ${missing.length === 1 ? 'it' : 'them'} again under Columns.`
      : null;
    if (!input) {
      return {
        ...base,
        noTable: true,
        syncs: syncs(),
        cellsRead,
        message:
          `No header row found on ${meta.name}: it needs at least three recognised headers, one of them a drug or a time (for example Drug, Start, Stop).` +
          (missingText ? ` ${missingText}` : ''),
      };
    }
    if (missingText) base.notices.push(missingText);
    const rowCount = (input as SheetInput).rows.length;
    await step(0.47, `Coding ${rowCount.toLocaleString('en-US')} rows`);
    // In batches, with a repaint and a look at Cancel between them: 1,000,000 rows are many seconds of rules.
    const coded = await codeSheetInputInSteps(input, pipeline, loaded.tables, (done, total) =>
      step(0.47 + 0.05 * (done / Math.max(1, total)), `Coding rows: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`),
    );
    const { result } = coded;
    const table = coded.input.table;
    if (coded.summary) base.notices.push(coded.summary);
    // Each claims table with its date and rows, whether PTP edits were checked, the expected payment.
    base.notices.push(...claimsSummaryLines(summarizeClaims(result, loaded.tables.claims ?? {}, PANE_LOAD_HINTS)));
    // Results stand on source rows (with an action log, every action row gets its cells), as in codeGrid.
    await step(0.52, 'Planning the results');
    const planRows = coded.input.source ? result.rows.map((r) => ({ row: r.row, values: {} })) : coded.input.rows;
    const plan = planBesideFlags(owned.grid, table, (t) => (t === table ? coded.plan : planWrite(t, planRows, result)));
    const changes = reconcile({
      state: { sheetId: meta.id, sheetName: meta.name, usedBottom: meta.rowIndex + meta.rowCount, notes, rules: meta.rules, noteKind: meta.noteKind },
      table,
      plan,
      ledger,
      at: new Date().toISOString(),
      workbookNotes: workbookNoteFingerprints(settings),
    });
    base.notices.push(...changes.notices);
    throwIfCancelled(opts.signal);

    progress('writing', 0.55, 'Writing results');
    const write = await applyReconciliation(context, { sheet: meta.sheet, sheetName: meta.name }, changes, {
      noteKind: meta.noteKind,
      signal: opts.signal,
      onProgress: (batch, batches) => progress('writing', 0.55 + 0.45 * (batch / batches), `Writing results: part ${batch} of ${batches}`),
      saveLedger: ledgerSaver(settings, meta.id),
      otherSettingsBytes: otherSettingsBytes(settings, meta.id),
      layout: { plan, support: { conditionalFormats: host.supports(6), freezePanes: host.supports(7), pageLayout: host.supports(9), existing: meta.existingLayout } },
    });
    // An action log's IC Administrations sheet, replaced on each run.
    if (!write.cancelled) await writeOwnedSheets(context, coded.tables());
    const summary = summarize(result, table, plan, loaded.tables.catalog);
    progress('done', 1, write.cancelled ? 'Cancelled' : 'Done');
    return {
      ...base,
      noTable: false,
      cancelled: write.cancelled,
      summary,
      write,
      syncs: syncs(),
      cellsRead,
      message: write.cancelled
        ? `Cancelled after writing ${write.cellsWritten.toLocaleString('en-US')} cells; run again to finish, or Clear results.`
        : `Coded ${summary.rows.toLocaleString('en-US')} rows in ${summary.encounters.toLocaleString('en-US')} encounters.`,
    };
  });
}

/** Codes, turning a cancel before writing into a result instead of an exception. */
export async function codeSheetSafely(host: ExcelHost, opts: CodeSheetOptions = {}): Promise<CodeSheetResult> {
  try {
    return await codeSheet(host, opts);
  } catch (e) {
    if (e instanceof CancelledError) {
      return {
        sheetName: opts.sheetName ?? '',
        sheetId: '',
        noTable: false,
        cancelled: true,
        question: null,
        summary: null,
        write: null,
        syncs: 0,
        cellsRead: 0,
        message: 'Cancelled before anything was written: the sheet is unchanged.',
        notices: [],
      };
    }
    throw e;
  }
}
