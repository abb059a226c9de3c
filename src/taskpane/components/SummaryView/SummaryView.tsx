/** After a run: rows coded, encounters, row status, codes by family, findings by id. */
import * as React from 'react';
import { Badge, Caption1, mergeClasses, Subtitle2 } from '@fluentui/react-components';
import { FINDING_TITLES } from '../../../rules/findings';
import type { SummaryViewProps } from './SummaryView.types';
import { useSummaryViewStyles } from './useSummaryViewStyles.styles';

const n = (v: number) => v.toLocaleString('en-US');

export function SummaryView({ summary }: SummaryViewProps): React.ReactElement {
  const styles = useSummaryViewStyles();
  return (
    <section aria-label="Summary">
      <div className={styles.counts}>
        <Badge appearance="tint" color="brand">{`${n(summary.rows)} rows coded`}</Badge>
        <Badge appearance="tint" color="informative">{`${n(summary.encounters)} encounters`}</Badge>
        <Badge appearance="tint" color="success">{`${n(summary.status.OK)} OK`}</Badge>
        <Badge appearance="tint" color="warning">{`${n(summary.status.Review)} to review`}</Badge>
        <Badge appearance="tint" color="danger">{`${n(summary.status.Error)} with errors`}</Badge>
      </div>
      <div className={styles.section}>
        <Subtitle2 as="h3" block>Codes by family</Subtitle2>
        {summary.families.length ? (
          <table className={styles.table} aria-label="Codes by family">
            <thead>
              <tr>
                <th className={mergeClasses(styles.cell, styles.head)}>Family</th>
                <th className={mergeClasses(styles.num, styles.head)}>Lines</th>
                <th className={mergeClasses(styles.num, styles.head)}>Units</th>
              </tr>
            </thead>
            <tbody>
              {summary.families.map((f) => (
                <tr key={f.family}>
                  <td className={styles.cell}>{f.family}</td>
                  <td className={styles.num}>{n(f.lines)}</td>
                  <td className={styles.num}>{n(f.units)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Caption1>No codes.</Caption1>
        )}
      </div>
      <div className={styles.section}>
        <Subtitle2 as="h3" block>Findings</Subtitle2>
        {summary.findings.length ? (
          <table className={styles.table} aria-label="Findings by id">
            <tbody>
              {summary.findings.map((f) => (
                <tr key={f.id}>
                  <td className={styles.cell}>{FINDING_TITLES[f.id] ?? f.id}</td>
                  <td className={styles.cell}>
                    <Caption1>{f.severity}</Caption1>
                  </td>
                  <td className={styles.num}>{n(f.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Caption1>No findings: every row is documented.</Caption1>
        )}
      </div>
    </section>
  );
}
