/**
 * "This row": the codes, units (with the NDC of each drug line), explanation and findings of the coded row the
 * user selected in the sheet, read from its IC columns; it follows the selection.
 */
import * as React from 'react';
import { Badge, Body1, Caption1, Subtitle2 } from '@fluentui/react-components';
import { FINDING_TITLES } from '../../../rules/findings';
import type { FindingId } from '../../../rules/types';
import type { RowViewProps } from './RowView.types';
import { useRowViewStyles } from './useRowViewStyles.styles';

const STATUS_COLOR = { OK: 'success', Review: 'warning', Error: 'danger' } as const;

export function RowView({ row }: RowViewProps): React.ReactElement {
  const styles = useRowViewStyles();
  if (!row) {
    return (
      <section aria-label="This row">
        <Subtitle2 as="h3" block className={styles.title}>
          This row
        </Subtitle2>
        <Caption1 as="p" block>
          Select any cell of a coded row to see its codes, units, explanation and findings here.
        </Caption1>
      </section>
    );
  }
  // A drug line's NDC goes beside its code, as the claim carries it.
  const codes = [...row.cpt.map((code) => ({ code, ndc: null })), ...row.hcpcs.map((code, i) => ({ code, ndc: row.hcpcsNdc[i] ?? null }))];
  const details = [row.minutes !== null ? `${row.minutes} min` : '', row.modifiers ? `modifiers ${row.modifiers}` : ''].filter(Boolean);
  return (
    <section aria-label="This row">
      <div className={styles.head}>
        <Subtitle2 as="h3" className={styles.title}>{`This row: ${row.row}`}</Subtitle2>
        <Badge appearance="tint" color={STATUS_COLOR[row.status as keyof typeof STATUS_COLOR] ?? 'informative'}>
          {row.status}
        </Badge>
      </div>
      <Caption1 block className={styles.label}>
        {['Codes and units', ...details].join(' · ')}
      </Caption1>
      {codes.length ? (
        <div className={styles.codes} aria-label="Codes and units">
          {codes.map(({ code, ndc }, i) => {
            const badge = (
              <Badge key={i} appearance="outline" color="brand">
                {code}
              </Badge>
            );
            return ndc ? (
              <span key={i} className={styles.drug}>
                {badge}
                <Caption1>{`NDC ${ndc}`}</Caption1>
              </span>
            ) : (
              badge
            );
          })}
        </div>
      ) : (
        <Body1 as="p" block>
          No code on this row.
        </Body1>
      )}
      {row.explanation.length ? (
        <>
          <Caption1 block className={styles.label}>
            Why
          </Caption1>
          <ul className={styles.list} aria-label="Explanation">
            {row.explanation.map((line) => (
              <li key={line}>
                <Body1>{line}</Body1>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <Caption1 block className={styles.label}>
        {row.findings.length ? `Findings (${row.findings.length})` : 'No findings'}
      </Caption1>
      {row.findings.length ? (
        <ul className={styles.list} aria-label="Findings of this row">
          {row.findings.map((f) => (
            <li key={`${f.id}:${f.message}`} className={f.severity === 'error' ? styles.error : f.severity === 'warning' ? styles.warning : undefined}>
              <Body1>
                <strong>{(FINDING_TITLES as Record<string, string>)[f.id as FindingId] ?? f.id}</strong>
                {`: ${f.message}`}
              </Body1>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
