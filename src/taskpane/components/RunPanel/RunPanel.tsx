/** "Code rows", "Clear results" and "Build report", with a progress bar and Cancel while a run is going. */
import * as React from 'react';
import { Button, Field, ProgressBar } from '@fluentui/react-components';
import { ChartMultiple20Regular, Dismiss20Regular, Eraser20Regular, Play20Filled } from '@fluentui/react-icons';
import type { RunPanelProps } from './RunPanel.types';
import { useRunPanelStyles } from './useRunPanelStyles.styles';

export function RunPanel({ busy, progress, canCode, cancelling, onCode, onCancel, onClear, onReport }: RunPanelProps): React.ReactElement {
  const styles = useRunPanelStyles();
  const running = busy !== null;
  return (
    <div>
      <div className={styles.row}>
        <Button appearance="primary" icon={<Play20Filled />} disabled={running || !canCode} onClick={onCode}>
          Code rows
        </Button>
        <Button icon={<Eraser20Regular />} disabled={running} onClick={onClear}>
          Clear results
        </Button>
        <Button icon={<ChartMultiple20Regular />} disabled={running || !canCode} onClick={onReport}>
          Build report
        </Button>
      </div>
      {busy === 'code' || busy === 'report' ? (
        <div className={styles.progress}>
          <Field validationMessage={progress?.message ?? 'Starting'} validationState="none" label={busy === 'code' ? 'Coding' : 'Building the report'}>
            <ProgressBar value={progress ? Math.max(0.02, progress.fraction) : undefined} max={1} thickness="large" aria-label="Progress" />
          </Field>
          {busy === 'code' ? (
            <Button icon={<Dismiss20Regular />} size="small" disabled={cancelling || progress?.phase === 'done'} onClick={onCancel}>
              {cancelling ? 'Cancelling…' : 'Cancel'}
            </Button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
