import { makeStyles, tokens } from '@fluentui/react-components';

export const useRunPanelStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
  progress: { marginTop: tokens.spacingVerticalM },
});
