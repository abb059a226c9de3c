import { makeStyles, tokens } from '@fluentui/react-components';

export const useOutsideOfficeStyles = makeStyles({
  page: { padding: tokens.spacingHorizontalXL, maxWidth: '720px', lineHeight: tokens.lineHeightBase400 },
  logo: { width: '64px', height: '64px', display: 'block', marginBottom: tokens.spacingVerticalM },
  // Fluent's text components are inline: headings and paragraphs get their own lines and spacing here.
  heading: { margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalS}` },
  paragraph: { margin: `0 0 ${tokens.spacingVerticalM}` },
  steps: { paddingLeft: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  manifest: { wordBreak: 'break-all' },
  note: { color: tokens.colorNeutralForeground3, marginTop: tokens.spacingVerticalL },
});
