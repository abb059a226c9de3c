/**
 * INFUSIONMINUTES: stop - start in whole minutes, read the way the rules read a line (RULES.md section 2):
 * a stop earlier than start without a date crossed midnight when that makes the line shorter than
 * 12 hours (23:00 -> 02:00 = 180); otherwise the times contradict each other.
 */
import { parseTime } from '../rules/values/time';
import type { CellValue } from '../rules/types';
import type { Arg } from './args';
import { at, broadcastShape, isBlankArg, shownTime, toMatrix } from './args';
import { invalid } from './errors';
import type { Cell } from './line';

const DAY = 86400;
const MIDNIGHT_CROSSING_MAX = 12 * 3600;

export function minutesCells(startArg: Arg, stopArg: Arg): Cell[][] {
  const start = toMatrix(startArg);
  const stop = toMatrix(stopArg);
  const shape = broadcastShape([
    { name: 'start time', value: start },
    { name: 'stop time', value: stop },
  ]);
  const out: Cell[][] = [];
  for (let r = 0; r < shape.rows; r++) {
    const line: Cell[] = [];
    for (let c = 0; c < shape.cols; c++) {
      try {
        const minutes = lineMinutes(at(start, r, c), at(stop, r, c));
        line.push(minutes === null ? '' : minutes);
      } catch (error) {
        line.push(error as Cell);
      }
    }
    out.push(line);
  }
  return out;
}

/** Minutes from start to stop, null when either is blank; throws a #VALUE! error for unreadable times. */
export function lineMinutes(startValue: CellValue, stopValue: CellValue): number | null {
  const start = readTime(startValue, 'Start time');
  const stop = readTime(stopValue, 'Stop time');
  if (!start || !stop) return null;
  let from = start.seconds;
  let to = stop.seconds;
  if (start.day !== null && stop.day !== null) {
    from += start.day * DAY;
    to += stop.day * DAY;
  } else if (to < from) {
    if (stop.day === null && to + DAY - from < MIDNIGHT_CROSSING_MAX) to += DAY;
  }
  if (to < from) {
    throw invalid(
      `Stop time ${shownTime(stopValue)} is before start time ${shownTime(startValue)} and is not a plausible midnight crossing`,
    );
  }
  return Math.floor((to - from) / 60);
}

function readTime(value: CellValue, label: string): { seconds: number; day: number | null } | null {
  if (isBlankArg(value)) return null;
  const parsed = parseTime(value);
  if (parsed.ok) return parsed.value;
  if (parsed.blank) return null;
  throw invalid(`${label} ${parsed.message.replace(/\.\s*$/, '')}`);
}
