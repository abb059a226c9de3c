/** The value readers the engine calls (see CONTRACT.md). */
export type { Parsed } from './cell';
export { BLANK, cellText, fail, isBlank, ok, showValue, unwrapCell } from './cell';
export { civilFromDay, dayFromCivil, formatDay, parseDate, serialToDay } from './date';
export { parseTime, type TimeValue } from './time';
export { parseDose, type Amount, type Dim, type Dose } from './dose';
export { normalizeIcd10, parseDiagnoses, type Diagnoses } from './diagnosis';
export { parseNdc, type Ndc11 } from './ndc';
