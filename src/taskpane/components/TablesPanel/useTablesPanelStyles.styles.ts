import { makeStyles, tokens } from '@fluentui/react-components';

export const useTablesPanelStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
});
