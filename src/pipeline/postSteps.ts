/**
 * Pure steps run on the coding result after the rules, in order (the claims checks go here: NCCI PTP, payer
 * profiles, amounts). Each returns the result it was given, or a new one with its findings added.
 */
import type { AdapterOutput } from '../inputs/types';
import type { CodingOptions } from '../rules/options';
import type { CodingResult, InputRow } from '../rules/types';
import { claimsPostStep, claimsPreStep } from '../claims/step';
import type { Tables } from './tables';

export interface PostStepContext {
  /** The administrations coded, and the adapter's output when it combined source rows. */
  rows: readonly InputRow[];
  source: AdapterOutput | undefined;
  options: CodingOptions;
  tables: Tables;
}

export type PostStep = (result: CodingResult, context: PostStepContext) => CodingResult;

export const POST_STEPS: readonly PostStep[] = [claimsPostStep];

/** What a pre-step may change before the rules run: the rows, the options and the tables. */
export interface PreStepInput {
  rows: readonly InputRow[];
  options: CodingOptions;
  tables: Tables;
}

/** Pure steps run before the rules (the claims step: an NDC picks the HCPCS code, ASP codes join the catalog). */
export type PreStep = (input: PreStepInput) => PreStepInput;

export const PRE_STEPS: readonly PreStep[] = [claimsPreStep];
