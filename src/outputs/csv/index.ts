/** The CSV writer: the coded copy as CSV text, and the product's own tables as CSV files beside it. */
export { csvWithPlan, ownedCsvFiles, textOf } from './csvWithPlan';
