/** The drug catalog, the built-in tables and the readers of the user's drug map and MUE file. */
export {
  DrugCatalog, drugEntry, editDistance, inEffect,
  type Antineoplastic, type DatedEntry, type DrugClass, type DrugEntry, type DrugMatch, type FluidMatch, type ServiceDate, type UnitUom,
} from './catalog';
export { BUILT_IN_DRUGS } from './drugs2026';
export { DRUG_CATALOG, DRUG_CATALOG_EDITION } from './edition';
export { BUILT_IN_MUE, MUE_SOURCE, builtInMue } from './mue';
export { BUILT_IN_NOT_COMPLEX, NOT_COMPLEX_SOURCE, NotComplexList, parseNotComplexList, type NotComplexRow } from './notComplex';
export { parseDrugMap, parseMueFile } from './userMap';
