/**
 * The task pane: Code rows with progress and cancel, "This row" (the selected row's codes and findings), the
 * summary and the problems list, then the detected mapping (correctable), the options and the tables. Its state and actions are useCodingSession's (session/); all Excel work goes
 * through the PaneGateway (src/excel underneath).
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
import { MappingPanel } from './components/MappingPanel';
import { OptionsPanel } from './components/OptionsPanel';
import { ProblemsList } from './components/ProblemsList';
import { RowView } from './components/RowView';
import { RunPanel } from './components/RunPanel';
import { SummaryView } from './components/SummaryView';
import { TablesPanel } from './components/TablesPanel';
import { TABLES_SECTION } from '../excel/loadHints';
import { ActionsPanel } from './components/ActionsPanel';
import { KEY_FIELDS } from './fields';
import type { PaneGateway } from './gateway';
import { useCodingSession } from './session/useCodingSession';

export interface AppProps {
  gateway: PaneGateway;
}

const useStyles = makeStyles({
  root: { padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', columnGap: tokens.spacingHorizontalS },
  title: { display: 'block', margin: 0 },
  sheet: { display: 'block', margin: 0, color: tokens.colorNeutralForeground3 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

export function App({ gateway }: AppProps): React.ReactElement {
  const styles = useStyles();
  const {
    inspection, loading, notice, options, mapping, busy, progress, cancelling, result, current, row, refresh, sheetName, headers,
    overridden, changeMapping, changeOptions, code, cancel, clear, report, problems, select, next, setDrugMap, setMueSheet,
    setActions, setClaimsSheet,
  } = useCodingSession(gateway);
  const table = inspection?.table ?? null;
  const running = busy !== null;
  /** Sections the user opened or closed; null = the default below. */
  const [openItems, setOpenItems] = React.useState<string[] | null>(null);
  // Columns starts folded when every field the codes depend on was found (nothing to correct), and after a run.
  const everyKeyFieldFound = Boolean(table) && KEY_FIELDS.every((f) => mapping[f] !== undefined);
  const defaultOpen = result || everyKeyFieldFound ? [] : ['columns'];

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
      <Accordion multiple collapsible openItems={openItems ?? defaultOpen} onToggle={(_e, data) => setOpenItems(data.openItems as string[])}>
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
          <AccordionHeader>{TABLES_SECTION}</AccordionHeader>
          <AccordionPanel>
            <TablesPanel
              sheets={(inspection?.sheets ?? []).filter((s) => s !== sheetName)}
              drugMapSource={inspection?.settings.drugMap?.source ?? null}
              drugMapRows={inspection?.settings.drugMap?.rows.length ?? 0}
              mueSheet={inspection?.settings.mueSheet ?? null}
              disabled={running}
              onDrugMap={(s) => void setDrugMap(s)}
              onMueSheet={(s) => void setMueSheet(s)}
              claimsSheets={gateway.setClaimsSheet ? (inspection?.settings.claimsSheets ?? {}) : null}
              onClaimsSheet={(kind, s) => void setClaimsSheet(kind, s)}
            />
          </AccordionPanel>
        </AccordionItem>
        <AccordionItem value="actions">
          <AccordionHeader>MAR actions</AccordionHeader>
          <AccordionPanel>
            <ActionsPanel actions={inspection?.settings.actions ?? []} disabled={running} onChange={(a) => void setActions(a)} />
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </div>
  );
}
