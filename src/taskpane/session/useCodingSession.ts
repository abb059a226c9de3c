/**
 * The task pane's state and actions in one hook: the sheet read, the mapping and options (saved through the
 * gateway), a run with progress and cancel, its result and the problem in view, runs started from the ribbon
 * (through the shared runtime's run events), and the selected row ("This row", useSelectedRow). The pane's
 * components only render what it returns.
 */
import * as React from 'react';
import type { ClaimsKindId } from '../../claims/kinds';
import type { ActionOverride } from '../../inputs/actionLog/actions';
import type { Answers, CodeSheetResult, Progress, Question, SheetInspection } from '../../excel/run';
import { resolveOptions, type CodingOptions } from '../../rules/options';
import type { Field } from '../../rules/types';
import { lastRun, publishRun, subscribeRuns, type RunEvent } from '../../runtime/events';
import type { MappingOverride } from '../../runtime/settings';
import type { ColumnMapping } from '../../sheet/types';
import type { Busy } from '../components/RunPanel';
import type { PaneGateway } from '../gateway';
import { useSelectedRow } from './useSelectedRow';

export type Notice = {
  intent: 'success' | 'warning' | 'error' | 'info';
  title?: string;
  text: string;
  extra?: string[];
  /** Buttons under the text (the answers to a question the run asked). */
  actions?: { label: string; onClick(): void }[];
};

/** A question a run or Clear returned (nothing was changed): the user's answer runs it again. */
export function questionNotice(question: Question, answer: (a: Answers) => void): Notice {
  return {
    intent: 'warning',
    title: 'Whose column is it?',
    text: question.text,
    actions: question.choices.map((c) => ({ label: c.label, onClick: () => answer({ changedColumns: c.id }) })),
  };
}

export function message(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

export function resultNotice(r: CodeSheetResult): Notice {
  if (r.noTable) return { intent: 'warning', title: 'Nothing to code', text: r.message };
  if (r.cancelled) return { intent: 'warning', title: 'Cancelled', text: r.message, extra: r.notices };
  const errors = r.summary?.status.Error ?? 0;
  return {
    intent: errors ? 'warning' : 'success',
    title: errors ? 'Coded, with problems to fix' : 'Coded',
    text: r.message + (errors ? ` ${errors.toLocaleString('en-US')} row(s) have errors; their cells are highlighted.` : ''),
    extra: r.notices,
  };
}

/** Everything the pane shows and every action it offers. */
export function useCodingSession(gateway: PaneGateway) {
  const [inspection, setInspection] = React.useState<SheetInspection | null>(null);
  const [loading, setLoading] = React.useState(true);
  const [notice, setNotice] = React.useState<Notice | null>(null);
  const [options, setOptions] = React.useState<CodingOptions>(() => resolveOptions({}));
  const [override, setOverride] = React.useState<MappingOverride>({});
  const [mapping, setMapping] = React.useState<ColumnMapping>({});
  const [busy, setBusy] = React.useState<Busy>(null);
  const [progress, setProgress] = React.useState<Progress | null>(null);
  const [cancelling, setCancelling] = React.useState(false);
  const [result, setResult] = React.useState<CodeSheetResult | null>(null);
  const [current, setCurrent] = React.useState<number | null>(null);
  const controller = React.useRef<AbortController | null>(null);

  const applyInspection = React.useCallback((i: SheetInspection) => {
    setInspection(i);
    setOptions(resolveOptions(i.settings.options));
    setOverride(i.settings.mappings[i.sheetName] ?? {});
    setMapping(i.table?.mapping ?? {});
  }, []);

  const load = React.useCallback(
    () =>
      gateway.inspect().then(applyInspection, (e: unknown) => {
        setNotice({ intent: 'error', title: 'Could not read the sheet', text: message(e) });
      }),
    [gateway, applyInspection],
  );

  React.useEffect(() => {
    let live = true;
    gateway
      .inspect()
      .then(
        (i) => live && applyInspection(i),
        (e: unknown) => live && setNotice({ intent: 'error', title: 'Could not read the sheet', text: message(e) }),
      )
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [gateway, applyInspection]);

  // Follow the user to another sheet: read it (unless a run is going; the refresh button is there too).
  const busyRef = React.useRef<Busy>(null);
  const resultSheet = React.useRef<string | null>(null);
  React.useEffect(() => {
    busyRef.current = busy;
    resultSheet.current = result?.sheetId ?? null;
  }, [busy, result]);
  React.useEffect(() => {
    if (!gateway.watchSheets) return;
    let stop: (() => Promise<void>) | null = null;
    let live = true;
    gateway
      .watchSheets((worksheetId) => {
        if (!live || busyRef.current) return;
        // Selecting a problem shows its sheet: keep that sheet's results.
        if (worksheetId !== resultSheet.current) {
          setResult(null);
          setCurrent(null);
          setNotice(null);
        }
        void load();
      })
      .then(
        (off) => {
          if (live) stop = off;
          else void off().catch(() => undefined);
        },
        () => undefined,
      );
    return () => {
      live = false;
      void stop?.().catch(() => undefined);
    };
  }, [gateway, load]);

  // The latest `code`, for answering a question the ribbon's run asked.
  const codeRef = React.useRef<(answers?: Answers) => Promise<void>>(async () => undefined);

  // "Code rows" on the ribbon runs in this same runtime: show its result here.
  React.useEffect(() => {
    const show = (event: RunEvent) => {
      if (event.kind === 'result' && event.result.question) {
        setNotice(questionNotice(event.result.question, (a) => void codeRef.current(a)));
      } else if (event.kind === 'result') {
        setResult(event.result);
        setCurrent(null);
        setNotice(resultNotice(event.result));
      } else if (event.kind === 'error') {
        setNotice({ intent: 'error', title: 'Code rows failed', text: event.message });
      }
    };
    const earlier = lastRun();
    if (earlier) show(earlier);
    return subscribeRuns(show);
  }, []);

  const refresh = () => {
    setLoading(true);
    setNotice(null);
    void load().finally(() => setLoading(false));
  };

  const sheetName = inspection?.sheetName ?? '';
  const headers = React.useMemo(() => inspection?.table?.headers ?? [], [inspection]);
  const overridden = React.useMemo(() => new Set(Object.keys(override) as Field[]), [override]);

  const changeMapping = async (field: Field, column: number | null) => {
    const text = column === null ? null : (headers.find((h) => h.column === column)?.text ?? null);
    const next: MappingOverride = { ...override, [field]: column === null ? null : text };
    setOverride(next);
    setMapping((m) => {
      const out = { ...m };
      if (column === null) delete out[field];
      else out[field] = column;
      return out;
    });
    try {
      await gateway.saveMapping(sheetName, next);
    } catch (e) {
      setNotice({ intent: 'error', title: 'Could not save the mapping', text: message(e) });
    }
  };

  const changeOptions = async (next: CodingOptions) => {
    setOptions(next);
    try {
      await gateway.saveOptions(next);
    } catch (e) {
      setNotice({ intent: 'error', title: 'Could not save the options', text: message(e) });
    }
  };

  const code = async (answers?: Answers) => {
    const c = new AbortController();
    controller.current = c;
    setBusy('code');
    setCancelling(false);
    setProgress(null);
    setNotice(null);
    publishRun({ kind: 'started' });
    try {
      const r = await gateway.code({ options, mapping: override, signal: c.signal, onProgress: setProgress, answers });
      if (r.question) {
        setNotice(questionNotice(r.question, (a) => void code(a)));
        return;
      }
      setResult(r);
      setCurrent(null);
      setNotice(resultNotice(r));
    } catch (e) {
      setNotice({ intent: 'error', title: 'Coding failed', text: message(e) });
    } finally {
      controller.current = null;
      setBusy(null);
      setCancelling(false);
    }
  };

  React.useEffect(() => {
    codeRef.current = code;
  });

  const cancel = () => {
    controller.current?.abort();
    setCancelling(true);
  };

  const clear = async (answers?: Answers) => {
    setBusy('clear');
    setNotice(null);
    try {
      const r = await gateway.clear(answers);
      if (r.question) {
        setNotice(questionNotice(r.question, (a) => void clear(a)));
        return;
      }
      setResult(null);
      setCurrent(null);
      setNotice({ intent: 'info', title: 'Results cleared', text: r.message, extra: r.notices });
    } catch (e) {
      setNotice({ intent: 'error', title: 'Could not clear the results', text: message(e) });
    } finally {
      setBusy(null);
    }
  };

  const report = async () => {
    setBusy('report');
    setProgress(null);
    setNotice(null);
    try {
      const text = await gateway.buildReport(setProgress);
      setNotice({ intent: 'success', title: 'Report built', text });
    } catch (e) {
      setNotice({ intent: 'warning', title: 'No report', text: message(e) });
    } finally {
      setBusy(null);
    }
  };

  const row = useSelectedRow(gateway, { paused: busy !== null, refresh: result });

  const problems = result?.summary?.problems ?? [];
  const select = async (index: number) => {
    const p = problems[index];
    if (!p || !result) return;
    setCurrent(index);
    try {
      await gateway.select(result.sheetName, p.row, p.column);
    } catch (e) {
      setNotice({ intent: 'error', title: 'Could not select the cell', text: message(e) });
    }
  };
  const next = () => {
    if (!problems.length) return;
    void select(current === null ? 0 : (current + 1) % problems.length);
  };

  const setDrugMap = async (sheet: string | null) => {
    setBusy('clear');
    try {
      const map = await gateway.setDrugMap(sheet);
      setNotice({ intent: 'info', text: map ? `Drug map read from '${map.source}' (${map.rows.length} rows).` : 'Drug map removed: the built-in catalog is used.' });
      await load();
    } catch (e) {
      setNotice({ intent: 'error', title: 'Could not read the drug map', text: message(e) });
    } finally {
      setBusy(null);
    }
  };

  const setMueSheet = async (sheet: string | null) => {
    try {
      await gateway.setMueSheet(sheet);
      await load();
    } catch (e) {
      setNotice({ intent: 'error', title: 'Could not save the MUE sheet', text: message(e) });
    }
  };

  const setClaimsSheet = async (kind: ClaimsKindId, sheet: string | null) => {
    try {
      await gateway.setClaimsSheet?.(kind, sheet);
      await load();
    } catch (e) {
      setNotice({ intent: 'error', title: 'Could not save the claims table', text: message(e) });
    }
  };

  const setActions = async (actions: ActionOverride[]) => {
    try {
      await gateway.saveActions?.(actions);
      await load();
    } catch (e) {
      setNotice({ intent: 'error', title: 'Could not save the action words', text: message(e) });
    }
  };

  return { inspection, loading, notice, options, mapping, busy, progress, cancelling, result, current, row, refresh, sheetName, headers, overridden, changeMapping, changeOptions, code, cancel, clear, report, problems, select, next, setDrugMap, setMueSheet, setActions, setClaimsSheet };
}

export type CodingSession = ReturnType<typeof useCodingSession>;
