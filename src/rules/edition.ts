/** The editions the engine implements: shown by `infusion-coder --version` and in the task pane's about line. */
import { DRUG_CATALOG_EDITION } from './catalog/edition';

/** Edition of shared/domain/RULES.md the rules follow. */
export const RULES_EDITION = 2;

/** `rules edition 2, drug catalog 2026 (302 rows)` */
export const EDITION_LABEL = `rules edition ${RULES_EDITION}, ${DRUG_CATALOG_EDITION}`;
