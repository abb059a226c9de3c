/** The pipeline: any input to a coding result and a write plan (see docs/pipeline.md). Pure. */
export { administrationCount, BATCH_ROWS, codeGrid, codeInput, codeSheetInput, codeSheetInputInSteps, eachCodedBatch, planSheetInput, readInput, type CodedGrid, type PipelineSettings, type PlannedSheet } from './codeGrid';
export { POST_STEPS, type PostStep, type PostStepContext } from './postSteps';
export { addResultCounts, codeFamily, resultCounts, summarize, summaryLine, type ResultCounts, type FamilyCount, type FindingCount, type Problem, type RunSummary } from './summary';
export {
  TABLE_KINDS,
  emptyTableMessage,
  loadTables,
  problemLines,
  type LoadedTables,
  type TableKind,
  type TableKindId,
  type TableLoad,
  type TableSource,
  type Tables,
} from './tables';
export type { AdapterOutput, GridAdapter, OutputTable, ReadSettings, SheetInput, SourceNote } from '../inputs/types';
export { UnknownHeaderError, type MappingRequest } from '../sheet/mapping';
