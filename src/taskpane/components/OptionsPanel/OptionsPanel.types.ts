import type { CodingOptions } from '../../../rules/options';

export interface OptionsPanelProps {
  options: CodingOptions;
  disabled?: boolean;
  onChange(options: CodingOptions): void;
}
