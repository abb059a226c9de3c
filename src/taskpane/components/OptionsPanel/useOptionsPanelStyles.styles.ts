import { makeStyles, tokens } from '@fluentui/react-components';

export const useOptionsPanelStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
});
