import { makeStyles, tokens } from '@fluentui/react-components';

export const useRowViewStyles = makeStyles({
  title: { margin: 0 },
  head: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', columnGap: tokens.spacingHorizontalS },
  codes: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, margin: `${tokens.spacingVerticalXS} 0` },
  drug: { display: 'inline-flex', alignItems: 'center', columnGap: tokens.spacingHorizontalXXS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS },
  label: { color: tokens.colorNeutralForeground3, marginTop: tokens.spacingVerticalS },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
});
