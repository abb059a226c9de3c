/** The sheet layer: grids in, InputRows out; coding results in, a WritePlan out (see CONTRACT.md). */
export * from './types';
export { HEADER_SYNONYMS, normalizeHeader, matchHeader, derivedHeader, detectTable } from './headers';
export { readRows } from './rows';
export {
  DERIVED_HEADERS,
  NOTE_PREFIX,
  FILL_ARGB,
  formatCode,
  formatCodes,
  formatNdcs,
  formatModifiers,
  formatFindings,
  planWrite,
  planClear,
} from './plan';
export { cellText, isEmptyCell } from './cell';
export { FLAGS_HEADER, flagToken, flagsText, ruleFormula, isOurRule } from './marks';
