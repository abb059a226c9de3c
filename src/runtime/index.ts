/**
 * The shared runtime of the add-in's one page (task pane, custom functions, ribbon command): the stored
 * settings, the tables in force, the custom functions' context and the run events. No React, no Office calls.
 */
export * from './settings';
export { workbookTables } from './tables';
export { activeCatalog, getFunctionContext, resetFunctionContext, setFunctionContext, type FunctionContext, type FunctionContextInput } from './functionContext';
export { lastRun, publishRun, subscribeRuns, type RunEvent } from './events';
