/**
 * Which drug catalog is built in: shown by `infusion-coder --version` and in the task pane, so a coded file
 * can be traced to the code set it was coded with. A yearly HCPCS update changes drugs-2026.csv (or its
 * successor), regenerates drugs2026.ts (scripts/make-drug-catalog.js) and updates these values.
 */
import { BUILT_IN_DRUGS } from './drugs2026';

export const DRUG_CATALOG = Object.freeze({
  /** The HCPCS year the catalog was checked against. */
  year: 2026,
  /** Rows of the built-in table (dated versions and indications are separate rows). */
  rows: BUILT_IN_DRUGS.length,
  /** The file it was transcribed from and when that copy was taken. */
  file: 'shared/domain/drugs-2026.csv (copied 2026-12-02)',
});

/** `drug catalog 2026 (302 rows)` */
export const DRUG_CATALOG_EDITION = `drug catalog ${DRUG_CATALOG.year} (${DRUG_CATALOG.rows} rows)`;
