import { makeStyles, tokens } from '@fluentui/react-components';

export const useMappingPanelStyles = makeStyles({
  grid: { display: 'grid', gridTemplateColumns: '1fr', rowGap: tokens.spacingVerticalS },
  hint: { color: tokens.colorNeutralForeground3 },
});
