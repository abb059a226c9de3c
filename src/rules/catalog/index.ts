/** The drug catalog, the built-in tables and the readers of the user's drug map and MUE file. */
export { DrugCatalog, editDistance, type DrugEntry, type DrugMatch, type FluidMatch, type UnitUom } from './catalog';
export { BUILT_IN_DRUGS, DRUG_CATALOG_EDITION } from './drugs';
export { BUILT_IN_MUE, MUE_SOURCE, builtInMue } from './mue';
export { parseDrugMap, parseMueFile } from './userMap';
