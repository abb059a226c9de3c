import type { Progress } from '../../../excel/run';

/** What the pane is doing: coding, clearing, building the report, or nothing. */
export type Busy = 'code' | 'clear' | 'report' | null;

export interface RunPanelProps {
  busy: Busy;
  progress: Progress | null;
  /** Code rows needs a detected table. */
  canCode: boolean;
  cancelling?: boolean;
  onCode(): void;
  onCancel(): void;
  onClear(): void;
  onReport(): void;
}
