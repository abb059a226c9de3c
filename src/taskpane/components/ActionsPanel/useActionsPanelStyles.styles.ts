import { makeStyles, tokens } from '@fluentui/react-components';

export const useActionsPanelStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS, alignItems: 'end' },
  word: { flexGrow: 1, minWidth: '120px' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});
