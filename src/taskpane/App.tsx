/**
 * The task pane: the detected mapping (correctable), the options, Code rows with progress and cancel, the
 * summary and the problems list. All Excel work goes through the PaneGateway (src/excel underneath).
 */
import * as React from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Body1,
  Button,
  Caption1,
  Divider,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Title3,
  tokens,
} from '@fluentui/react-components';
import { ArrowSync20Regular } from '@fluentui/react-icons';
import { publishRun, subscribeRuns, lastRun, type RunEvent } from '../runtime/events';
import type { Answers, CodeSheetResult, Progress, Question, SheetInspection } from '../excel/run';
import type { MappingOverride } from '../runtime/settings';
import { resolveOptions, type CodingOptions } from '../rules/options';
import type { Field } from '../rules/types';
import type { ColumnMapping } from '../sheet/types';
import { MappingPanel } from './components/MappingPanel';
import { OptionsPanel } from './components/OptionsPanel';
import { ProblemsList } from './components/ProblemsList';
import { RowView } from './components/RowView';
import { RunPanel, type Busy } from './components/RunPanel';
import { SummaryView } from './components/SummaryView';
import { TablesPanel } from './components/TablesPanel';
import { KEY_FIELDS } from './fields';
import type { PaneGateway } from './gateway';
import type { RowView as RowViewData } from '../excel/rowView';

/** How long the selection must rest before "This row" reads it (one read per pause, not per event). */
export const SELECTION_REST_MS = 150;

export interface AppProps {
  gateway: PaneGateway;
}

type Notice = {
  intent: 'success' | 'warning' | 'error' | 'info';
  title?: string;
  text: string;
  extra?: string[];
  /** Buttons under the text (the answers to a question the run asked). */
  actions?: { label: string; onClick(): void }[];
};

/** A question a run or Clear returned (nothing was changed): the user's answer runs it again. */
function questionNotice(question: Question, answer: (a: Answers) => void): Notice {
  return {
    intent: 'warning',
    title: 'Whose column is it?',
    text: question.text,
    actions: question.choices.map((c) => ({ label: c.label, onClick: () => answer({ changedColumns: c.id }) })),
  };
}

const useStyles = makeStyles({
  root: { padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', columnGap: tokens.spacingHorizontalS },
  title: { display: 'block', margin: 0 },
  sheet: { display: 'block', margin: 0, color: tokens.colorNeutralForeground3 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

function message(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

function resultNotice(r: CodeSheetResult): Notice {
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

export function App({ gateway }: AppProps): React.ReactElement {
  const styles = useStyles();
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
  /** Sections the user opened or closed; null = the default (Columns open only when a key field is missing). */
  const [openItems, setOpenItems] = React.useState<string[] | null>(null);
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
    let stop: (() => void) | null = null;
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
          else off();
        },
        () => undefined,
      );
    return () => {
      live = false;
      stop?.();
    };
  }, [gateway, load]);

  // "This row": follow the selection, reading the row once it has rested (a drag or arrow keys fire many events).
  const [row, setRow] = React.useState<RowViewData | null>(null);
  React.useEffect(() => {
    const { watchSelection, rowView } = gateway;
    if (!watchSelection || !rowView) return;
    let stop: (() => void) | null = null;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const read = () => {
      timer = null;
      if (!live || busyRef.current) return;
      rowView().then(
        (r) => live && setRow(r),
        () => live && setRow(null),
      );
    };
    watchSelection(() => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(read, SELECTION_REST_MS);
    }).then(
      (off) => {
        if (live) stop = off;
        else off();
      },
      () => undefined,
    );
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
      stop?.();
    };
  }, [gateway]);

  // "Code rows" on the ribbon runs in this same runtime: show its result here.
  React.useEffect(() => {
    const show = (event: RunEvent) => {
      if (event.kind === 'result') {
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

  const table = inspection?.table ?? null;
  const running = busy !== null;
  // The column list starts folded when every field the codes depend on was found (nothing to correct).
  const everyKeyFieldFound = Boolean(table) && KEY_FIELDS.every((f) => mapping[f] !== undefined);

  return (
    <div className={styles.root}>
      <header className={styles.header}>
        <div>
          <Title3 as="h1" className={styles.title}>
            Infusion Coder
          </Title3>
          <Caption1 as="p" className={styles.sheet}>
            {inspection ? `Sheet: ${inspection.sheetName}${table ? ` · header in row ${table.headerRow} · about ${table.approxRows.toLocaleString('en-US')} rows` : ''}` : ' '}
          </Caption1>
        </div>
        <Button appearance="subtle" icon={<ArrowSync20Regular />} aria-label="Read the active sheet again" title="Read the active sheet again" disabled={running || loading} onClick={refresh} />
      </header>

      {notice ? (
        <MessageBar intent={notice.intent} layout="multiline">
          <MessageBarBody>
            {notice.title ? <MessageBarTitle>{notice.title}</MessageBarTitle> : null}
            {notice.text}
            {notice.extra && notice.extra.length ? (
              <ul className={styles.list}>
                {notice.extra.map((t) => (
                  <li key={t}>{t}</li>
                ))}
              </ul>
            ) : null}
          </MessageBarBody>
          {notice.actions ? (
            <MessageBarActions>
              {notice.actions.map((a) => (
                <Button key={a.label} size="small" onClick={a.onClick}>
                  {a.label}
                </Button>
              ))}
            </MessageBarActions>
          ) : null}
        </MessageBar>
      ) : null}

      {loading ? <Spinner size="small" label="Reading the sheet…" /> : null}

      {!loading && inspection && !table ? (
        <Body1 as="p">
          {inspection.empty
            ? `${inspection.sheetName} is empty. Open the sheet with your infusion rows and choose the refresh button.`
            : `No header row found on ${inspection.sheetName}. Infusion Coder looks for headers such as Drug, Dose, Route, Start and Stop in the first 100 rows.`}
        </Body1>
      ) : null}

      <RunPanel
        busy={busy}
        progress={progress}
        canCode={Boolean(table)}
        cancelling={cancelling}
        onCode={() => void code()}
        onCancel={cancel}
        onClear={() => void clear()}
        onReport={() => void report()}
      />

      {result?.summary || row ? (
        <>
          <Divider />
          <RowView row={row} />
        </>
      ) : null}

      {result?.summary ? (
        <>
          <Divider />
          <SummaryView summary={result.summary} />
          <ProblemsList problems={problems} current={current} disabled={running} onSelect={(i) => void select(i)} onNext={next} />
        </>
      ) : null}

      <Divider />
      <Accordion
        multiple
        collapsible
        openItems={openItems ?? (result || everyKeyFieldFound ? [] : ['columns'])}
        onToggle={(_e, data) => setOpenItems(data.openItems as string[])}
      >
        <AccordionItem value="columns">
          <AccordionHeader>Columns</AccordionHeader>
          <AccordionPanel>
            {table ? (
              <MappingPanel headers={headers} mapping={mapping} overridden={overridden} disabled={running} onChange={(f, c) => void changeMapping(f, c)} />
            ) : (
              <Caption1>No table found yet.</Caption1>
            )}
          </AccordionPanel>
        </AccordionItem>
        <AccordionItem value="options">
          <AccordionHeader>Options</AccordionHeader>
          <AccordionPanel>
            <OptionsPanel options={options} disabled={running} onChange={(o) => void changeOptions(o)} />
          </AccordionPanel>
        </AccordionItem>
        <AccordionItem value="tables">
          <AccordionHeader>Drug map and MUE</AccordionHeader>
          <AccordionPanel>
            <TablesPanel
              sheets={(inspection?.sheets ?? []).filter((s) => s !== sheetName)}
              drugMapSource={inspection?.settings.drugMap?.source ?? null}
              drugMapRows={inspection?.settings.drugMap?.rows.length ?? 0}
              mueSheet={inspection?.settings.mueSheet ?? null}
              disabled={running}
              onDrugMap={(s) => void setDrugMap(s)}
              onMueSheet={(s) => void setMueSheet(s)}
            />
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </div>
  );
}
