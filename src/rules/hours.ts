/**
 * Hour arithmetic of RULES.md section 5. A unit of time is earned when more than 30 minutes pass the
 * last full hour ("more than 30 minutes beyond the hour").
 */

/** Minimum minutes for an infusion (anything shorter is a push). */
export const INFUSION_MIN_MINUTES = 16;
/** Minimum minutes for hydration (96360, and 96361 when hydration is not the initial service). */
export const HYDRATION_MIN_MINUTES = 31;
/** A push of the same drug must follow its last dose by more than this to earn 96376. */
export const REPEAT_PUSH_MINUTES = 30;

/** Each-additional-hour units after an initial-hour code for a line of n minutes (91 -> 1, 151 -> 2). */
export function additionalHourUnits(minutes: number): number {
  if (minutes <= 90) return 0;
  const beyond = minutes - 60;
  return Math.floor(beyond / 60) + (beyond % 60 > 30 ? 1 : 0);
}

/** Units of an hour-based add-on that stands on its own time (96361 beside another initial): 31 -> 1, 90 -> 1, 91 -> 2. */
export function wholeHourUnits(minutes: number): number {
  if (minutes <= 30) return 0;
  return Math.floor(minutes / 60) + (minutes % 60 > 30 ? 1 : 0);
}
