/**
 * Pure steps run on the coding result after the rules, in order (the claims checks go here: NCCI PTP, payer
 * profiles, amounts). Each returns the result it was given, or a new one with its findings added.
 */
import type { AdapterOutput } from '../inputs/types';
import type { CodingOptions, CodingOptionsInput } from '../rules/options';
import type { CodingResult } from '../rules/types';
import type { Tables } from './tables';

export interface PostStepContext {
  input: AdapterOutput;
  options: CodingOptionsInput | CodingOptions | undefined;
  tables: Tables;
}

export type PostStep = (result: CodingResult, context: PostStepContext) => CodingResult;

export const POST_STEPS: readonly PostStep[] = [];
