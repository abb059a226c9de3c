/** The page a plain browser shows (or Excel, when Office.js cannot be reached): what this is, how to install it. */
import * as React from 'react';
import { Body1, Caption1, Link, Subtitle1, Title2 } from '@fluentui/react-components';
import type { OutsideOfficeProps } from './OutsideOffice.types';
import { useOutsideOfficeStyles } from './useOutsideOfficeStyles.styles';

/** Microsoft's instructions for each way of installing a manifest (learn.microsoft.com, Office Add-ins docs). */
export const SIDELOAD_DOCS = {
  web: 'https://learn.microsoft.com/office/dev/add-ins/testing/sideload-office-add-ins-for-testing',
  windows: 'https://learn.microsoft.com/office/dev/add-ins/testing/create-a-network-shared-folder-catalog-for-task-pane-and-content-add-ins',
  mac: 'https://learn.microsoft.com/office/dev/add-ins/testing/sideload-an-office-add-in-on-mac',
} as const;

export function OutsideOffice({ reason, origin }: OutsideOfficeProps): React.ReactElement {
  const styles = useOutsideOfficeStyles();
  const manifest = `${origin}/manifest.xml`;
  return (
    <main className={styles.page}>
      <img className={styles.logo} src="assets/icon-64.png" alt="" />
      <Title2 as="h1" block className={styles.heading}>
        Infusion Coder
      </Title2>
      <Body1 as="p" block className={styles.paragraph}>
        An Excel add-in for billers and coders: it reads the infusion and injection rows of a worksheet and writes the CPT
        drug-administration codes, HCPCS drug units, modifiers and documentation findings beside them. The cells that need
        fixing are highlighted. Patient data stays in the workbook: this page connects to nothing but its own address.
      </Body1>
      {reason === 'office-unavailable' ? (
        <Body1 as="p" block className={styles.paragraph} role="alert">
          Office.js could not be loaded, so the add-in cannot talk to Excel. Check the network connection to
          appsforoffice.microsoft.com and reopen the pane.
        </Body1>
      ) : (
        <Body1 as="p" block className={styles.paragraph}>
          This page is the add-in&apos;s task pane. It works inside Excel; opened in a browser it shows how to install it.
        </Body1>
      )}
      <Subtitle1 as="h2" block className={styles.heading}>
        Install
      </Subtitle1>
      <ol className={styles.steps}>
        <li>
          Download the manifest:{' '}
          <Link className={styles.manifest} href="manifest.xml" download>
            {manifest}
          </Link>
        </li>
        <li>
          <strong>Excel on the web:</strong> open a workbook, then Home &gt; Add-ins &gt; More Add-ins &gt; Upload My Add-in (in some
          versions Insert &gt; Add-ins &gt; My Add-ins &gt; Upload My Add-in) and choose the manifest (
          <Link href={SIDELOAD_DOCS.web}>Microsoft&apos;s instructions</Link>).
        </li>
        <li>
          <strong>Excel for Windows:</strong> put the manifest in a shared folder, add that folder under File &gt; Options &gt; Trust
          Center &gt; Trust Center Settings &gt; Trusted Add-in Catalogs, restart Excel, then Home &gt; Add-ins &gt; Shared Folder (
          <Link href={SIDELOAD_DOCS.windows}>Microsoft&apos;s instructions</Link>).
        </li>
        <li>
          <strong>Excel for Mac:</strong> copy the manifest to ~/Library/Containers/com.microsoft.Excel/Data/Documents/wef/ and restart
          Excel (<Link href={SIDELOAD_DOCS.mac}>Microsoft&apos;s instructions</Link>).
        </li>
        <li>
          On the Home tab choose <strong>Infusion Coder</strong> to open the pane, or <strong>Code rows</strong> to code the active sheet
          straight away.
        </li>
      </ol>
      <Caption1 as="p" block className={styles.note}>
        CPT codes are copyright the American Medical Association; the descriptions Infusion Coder shows are its own words.
      </Caption1>
    </main>
  );
}
