/**
 * Pairing MAR actions into administrations (EXPORTS.md A), per encounter + order (else encounter + medication
 * + site), by time. Pure and linear apart from one sort per group. Every action row comes out with a role
 * (opens an administration, part of one, skipped, ignored) and the findings that belong on it.
 */
import { INFUSION_MIN_MINUTES } from '../../rules/hours';
import type { FindingId } from '../../rules/types';
import { actionKey, type ActionKind } from './actions';

/** The action text of a row whose action cell is blank. */
export const BLANK_ACTION = '(blank)';

/** One action row, already read: the adapter turns cells into this. */
export interface ActionEvent {
  /** Source (sheet) row. */
  row: number;
  /** Encounter + order (or medication + site): actions with one key are one order's timeline. */
  group: string;
  /** null: the action word is not in the vocabulary. */
  kind: ActionKind | null;
  /** The action as written, for messages. */
  action: string;
  /** Absolute seconds (day * 86400 + seconds of the day); null when the time is blank or unreadable. */
  time: number | null;
  /** A tie-breaker for actions charted at one minute (Epic's LINE), else null. */
  sequence: number | null;
  /** Rate in mL/hr when documented in mL; `zero` marks any documented rate of 0 (a stop). */
  rateMlPerHour: number | null;
  rateIsZero: boolean;
  /** Documented duration of a start (MAR_DURATION), in seconds; a dose given (point) over it ran as an infusion. */
  durationSeconds: number | null;
  /** A point row with a duration whose route says infusion (`IV infusion`, `IV piggyback`); read on those rows only. */
  infusionRoute: boolean;
  /** A stop row that charts a dose (not a rate); read on stop rows only. */
  dosed: boolean;
  /** Documented infused volume of this action (Cerner INFUSED_VOLUME), in mL. */
  volumeMl: number | null;
}

/** How the administration's stop was found. */
export type StopSource = 'action' | 'rate-zero' | 'duration' | 'pause' | 'none';

export interface Administration {
  group: string;
  /** The row that opened it: it holds the codes. */
  openRow: number;
  /** Every row that belongs to it, in time order (the opening row first). */
  rows: number[];
  /** Rows whose dose counts: the opening row and each bag change. */
  doseRows: number[];
  /** A single dose given at one time (Given, Push, Bolus): no run. */
  point: boolean;
  start: number | null;
  stop: number | null;
  stopSource: StopSource;
  pausedSeconds: number;
  /** mL infused by rate x running time, when every running stretch had a rate in mL/hr; else null. */
  rateVolumeMl: number | null;
  /** Sum of documented infused volumes, or null. */
  documentedVolumeMl: number | null;
  /** The one rate charted on it in mL/hr (a bag with no stop runs on at it), or null: none, or it changed. */
  rateMlPerHour: number | null;
  /** Different rates were charted (a bag turned down to keep the vein open is not a KVO bag). */
  rateVaried: boolean;
}

export type RowRole = 'opens' | 'part' | 'skipped' | 'ignored';

export interface RowFinding {
  id: FindingId;
  /** `time` findings belong on the action-time cell, `date` on the date cell, `action` on the action cell, `ndc`, `rate` on theirs. */
  on: 'time' | 'date' | 'action' | 'ndc' | 'rate';
  message: string;
}

export interface RowOutcome {
  row: number;
  role: RowRole;
  /** Index into `administrations` for `opens` and `part`. */
  admin: number | null;
  findings: RowFinding[];
  /** Why an ignored row was ignored, or what a part row did; one short sentence. */
  note: string;
}

export interface Pairing {
  administrations: Administration[];
  /** One per event, in input order. */
  outcomes: RowOutcome[];
}

const NO_FINDINGS: RowFinding[] = Object.freeze([]) as unknown as RowFinding[];

function addFinding(out: RowOutcome, f: RowFinding): void {
  if (out.findings === NO_FINDINGS) out.findings = [];
  out.findings.push(f);
}

/** The action key of a bolus given from the running bag (not a dose of its own). */
const BOLUS_FROM_BAG = actionKey('Bolus from Bag');

/** Stops before starts at one minute (Stopped + New Bag at 12:00 is a new bag), starts before rate changes. */
const TIE_ORDER: Record<ActionKind, number> = {
  stop: 0, pause: 0, start: 1, resume: 1, continue: 2, point: 3, 'not-given': 4,
};

const clock = (t: number) => {
  const s = ((t % 86400) + 86400) % 86400;
  return `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}`;
};

interface Run {
  admin: Administration;
  index: number;
  paused: boolean;
  pausedAt: number;
  /** mL/hr now running, or null when unknown (then no rate volume). */
  rate: number | null;
  rateFrom: number;
  rateKnown: boolean;
  durationEnd: number | null;
  lastStart: number;
  /** The event that opened it (its outcome gets an open bag's finding). */
  opener: number;
}

/** Pairs every group's actions; `events` may come in any order. */
export function pairActions(events: readonly ActionEvent[]): Pairing {
  // Rows without findings share one empty list until a finding gives them their own.
  const outcomes: RowOutcome[] = events.map((e) => ({ row: e.row, role: 'ignored', admin: null, findings: NO_FINDINGS, note: '' }));
  const administrations: Administration[] = [];
  const groups = new Map<string, number[]>();
  // Orders with a bag hung at a known time: an untimed New Bag there is likely that bag charted twice, never listed.
  const timedStarts = new Set<string>();
  for (const e of events) if (e.kind === 'start' && e.time !== null) timedStarts.add(e.group);
  for (let i = 0; i < events.length; i++) {
    const e = events[i];
    if (e.kind === null && e.action === BLANK_ACTION) {
      addFinding(outcomes[i], { id: 'unknown-action', on: 'action', message: 'MAR action is blank, so the row was ignored: write what was done (New Bag, Paused, Stopped, Given...).' });
      outcomes[i].note = 'Blank action ignored.';
      continue;
    }
    if (e.kind === null) {
      addFinding(outcomes[i], { id: 'unknown-action', on: 'action', message: `MAR action '${e.action}' is not in the action vocabulary, so it was ignored; add it with --action "${e.action}=start" (or stop, continue, point, not-given).` });
      outcomes[i].note = `Action '${e.action}' ignored (not in the vocabulary).`;
      continue;
    }
    if (e.kind === 'not-given') {
      outcomes[i].role = 'skipped';
      outcomes[i].note = `Not given (${e.action}): skipped.`;
      continue;
    }
    if (e.time === null) {
      untimed(e, outcomes[i], administrations, timedStarts.has(e.group));
      continue;
    }
    const members = groups.get(e.group);
    if (members) members.push(i);
    else groups.set(e.group, [i]);
  }
  const byTime = (a: number, b: number) => {
    const ea = events[a];
    const eb = events[b];
    return (ea.time! - eb.time!) || TIE_ORDER[ea.kind!] - TIE_ORDER[eb.kind!] || (ea.sequence ?? 0) - (eb.sequence ?? 0) || a - b;
  };
  for (const members of groups.values()) {
    // A log is charted in time order: most groups already are (a sort allocates even then).
    if (!inOrder(members, byTime)) members.sort(byTime);
    pairGroup(events, members, outcomes, administrations);
  }
  return { administrations, outcomes };
}

/**
 * An action without a readable time: a dose given (point) still codes its drug, and so does a bag hung (RULES.md
 * 3.11: no administration code without its times, the drug line still listed); anything else cannot be placed.
 */
function untimed(e: ActionEvent, out: RowOutcome, administrations: Administration[], orderHasTimedStart: boolean): void {
  if (e.kind === 'point' || (e.kind === 'start' && !orderHasTimedStart)) {
    out.role = 'opens';
    out.admin = administrations.length;
    administrations.push(newAdmin(e, null, e.kind === 'point'));
    if (e.kind === 'start') {
      addFinding(out, { id: 'missing-start-time', on: 'time', message: `The ${e.action} action has no readable time, so it cannot be placed on its order's timeline; its drug is listed without an administration code.` });
    }
    return;
  }
  const id: FindingId = e.kind === 'stop' || e.kind === 'pause' ? 'missing-stop-time' : e.kind === 'continue' ? 'orphan-action' : 'missing-start-time';
  addFinding(out, { id, on: 'time', message: `The ${e.action} action has no readable time, so it cannot be placed on its order's timeline.` });
  out.note = `${e.action} without a time: not paired.`;
}

function newAdmin(e: ActionEvent, start: number | null, point: boolean): Administration {
  return {
    group: e.group,
    openRow: e.row,
    rows: [e.row],
    doseRows: [e.row],
    point,
    start,
    stop: null,
    stopSource: 'none',
    pausedSeconds: 0,
    rateVolumeMl: null,
    documentedVolumeMl: e.volumeMl,
    rateMlPerHour: e.rateMlPerHour !== null && e.rateMlPerHour > 0 ? e.rateMlPerHour : null,
    rateVaried: false,
  };
}

function pairGroup(events: readonly ActionEvent[], members: number[], outcomes: RowOutcome[], administrations: Administration[]): void {
  let run: Run | null = null;
  let lastClosed: Run | null = null;
  /** Whether a bag of the order was started (or listed without its start) earlier on its timeline. */
  let started = false;

  const join = (r: Run, i: number, note: string) => {
    r.admin.rows.push(events[i].row);
    outcomes[i].role = 'part';
    outcomes[i].admin = r.index;
    outcomes[i].note = note;
    const v = events[i].volumeMl;
    if (v !== null) r.admin.documentedVolumeMl = (r.admin.documentedVolumeMl ?? 0) + v;
  };
  /** Adds the volume run at the current rate up to `t`. */
  const flow = (r: Run, t: number) => {
    if (r.paused) return;
    if (r.rate === null) r.rateKnown = false;
    else r.admin.rateVolumeMl = (r.admin.rateVolumeMl ?? 0) + (r.rate * Math.max(0, t - r.rateFrom)) / 3600;
    r.rateFrom = t;
  };
  const setRate = (r: Run, e: ActionEvent) => {
    if (e.rateMlPerHour !== null) {
      r.rate = e.rateMlPerHour;
      const a = r.admin;
      if (e.rateMlPerHour > 0 && !a.rateVaried) {
        if (a.rateMlPerHour === null) a.rateMlPerHour = e.rateMlPerHour;
        else if (a.rateMlPerHour !== e.rateMlPerHour) {
          a.rateMlPerHour = null;
          a.rateVaried = true;
        }
      }
    }
  };
  const close = (r: Run, t: number, source: StopSource) => {
    flow(r, t);
    if (r.paused) r.admin.pausedSeconds += Math.max(0, t - r.pausedAt);
    r.paused = false;
    r.admin.stop = t;
    r.admin.stopSource = source;
    if (!r.rateKnown) r.admin.rateVolumeMl = null;
    lastClosed = r;
    run = null;
  };
  const open = (i: number, t: number): Run => {
    const e = events[i];
    const index = administrations.length;
    administrations.push(newAdmin(e, t, false));
    outcomes[i].role = 'opens';
    outcomes[i].admin = index;
    const r: Run = {
      admin: administrations[index], index, paused: false, pausedAt: 0, rate: e.rateMlPerHour, rateFrom: t, rateKnown: true,
      durationEnd: e.durationSeconds !== null ? t + e.durationSeconds : null, lastStart: t, opener: i,
    };
    run = r;
    started = true;
    return r;
  };
  /** The last closed run goes on from `t`: the minutes it was stopped are excluded, as a pause's are. */
  const reopen = (i: number, t: number, e: ActionEvent, why: string) => {
    const r = lastClosed as Run;
    r.admin.pausedSeconds += t - r.admin.stop!;
    r.admin.stop = null;
    r.admin.stopSource = 'none';
    r.rateFrom = t;
    r.durationEnd = null;
    setRate(r, e);
    run = r;
    lastClosed = null;
    join(r, i, `${why}: the administration on row ${r.admin.openRow} continues (stopped minutes excluded).`);
  };
  const stopNothing = (i: number, what: string) => {
    const e = events[i];
    addFinding(outcomes[i], { id: 'missing-start-time', on: 'time', message: `${what} at ${clock(e.time!)} with no bag running on this order: there is no start to pair it with.` });
    outcomes[i].note = `${e.action} with nothing running: not paired.`;
  };

  let lastPoint: { time: number; row: number } | null = null;
  for (const i of members) {
    const e = events[i];
    const t = e.time!;
    // A documented duration ended before this new bag: the earlier bag stopped then (q6h piggybacks).
    let current = run as Run | null;
    if (current && !current.paused && current.durationEnd !== null && t > current.durationEnd && (e.kind === 'start' || e.kind === 'point')) {
      close(current, current.durationEnd, 'duration');
      current = null;
    }
    const kind = e.kind === 'continue' && e.rateIsZero ? 'stop' : e.kind!;
    switch (kind) {
      case 'start': {
        if (!current) {
          open(i, t);
          break;
        }
        if (current.paused) {
          current.admin.pausedSeconds += t - current.pausedAt;
          current.paused = false;
          current.rateFrom = t;
          join(current, i, `New bag after the pause: rows continue the administration on row ${current.admin.openRow}.`);
        } else {
          flow(current, t);
          const overlap = t === current.lastStart || (current.durationEnd !== null && t < current.durationEnd);
          if (overlap) {
            addFinding(outcomes[i], {
              id: 'overlapping-actions',
              on: 'time',
              message: `${e.action} at ${clock(t)} while the bag started at ${clock(current.lastStart)} on row ${current.admin.rows[current.admin.rows.length - 1]} is still running${current.durationEnd !== null && t < current.durationEnd ? ` (documented until ${clock(current.durationEnd)})` : ''}: counted as a bag change of one administration; check for a duplicate entry.`,
            });
          }
          join(current, i, `Bag change: part of the administration on row ${current.admin.openRow}; its dose counts there.`);
        }
        current.admin.doseRows.push(e.row);
        current.lastStart = t;
        current.durationEnd = e.durationSeconds !== null ? t + e.durationSeconds : null;
        setRate(current, e);
        break;
      }
      case 'resume': {
        if (current && current.paused) {
          current.admin.pausedSeconds += t - current.pausedAt;
          current.paused = false;
          current.rateFrom = t;
          setRate(current, e);
          join(current, i, `Restarted: the administration on row ${current.admin.openRow} continues (paused minutes excluded).`);
        } else if (current) {
          flow(current, t);
          setRate(current, e);
          join(current, i, `Already running: part of the administration on row ${current.admin.openRow}.`);
        } else if (reopenable(lastClosed as Run | null)) {
          reopen(i, t, e, 'Restarted after the stop');
        } else {
          open(i, t);
        }
        break;
      }
      case 'pause': {
        if (current && !current.paused) {
          flow(current, t);
          current.paused = true;
          current.pausedAt = t;
          join(current, i, `Paused: part of the administration on row ${current.admin.openRow}.`);
        } else if (current) {
          join(current, i, `Already paused: part of the administration on row ${current.admin.openRow}.`);
        } else stopNothing(i, e.action);
        break;
      }
      case 'stop': {
        if (current) {
          join(current, i, `${e.kind === 'continue' ? 'Rate 0 (a stop)' : 'Stop'}: part of the administration on row ${current.admin.openRow}.`);
          close(current, t, e.kind === 'continue' ? 'rate-zero' : 'action');
        } else if (e.kind === 'continue') {
          addFinding(outcomes[i], { id: 'orphan-action', on: 'action', message: `${e.action} to 0 at ${clock(t)} with nothing running on this order: ignored.` });
          outcomes[i].note = `${e.action} with nothing running: ignored.`;
        } else if (e.dosed && !started) {
          // The dose charted on the stop of a bag whose start was not charted: the drug was given, so it is an
          // administration with a stop and no start, as a flat sheet's row (RULES.md 3.11: its drug line is still
          // listed). After an earlier bag of the order, it is that bag's stop charted again.
          const admin = newAdmin(e, null, false);
          admin.stop = t;
          admin.stopSource = 'action';
          outcomes[i].role = 'opens';
          outcomes[i].admin = administrations.length;
          administrations.push(admin);
          started = true;
          addFinding(outcomes[i], { id: 'missing-start-time', on: 'time', message: `${e.action} at ${clock(t)} with no bag started on this order: the administration has no start time; its dose is listed.` });
        } else stopNothing(i, e.action);
        break;
      }
      case 'continue': {
        if (current) {
          flow(current, t);
          setRate(current, e);
          join(current, i, `${e.action}: part of the administration on row ${current.admin.openRow}.`);
        } else if (!e.rateIsZero && e.rateMlPerHour !== null && (lastClosed as Run | null)?.admin.stopSource === 'rate-zero' && reopenable(lastClosed as Run | null)) {
          // Cerner charts a pause as a rate change to 0 and the restart as a rate change back up (EXPORTS.md A).
          reopen(i, t, e, `${e.action} back up after a rate of 0`);
        } else {
          addFinding(outcomes[i], { id: 'orphan-action', on: 'action', message: `${e.action} at ${clock(t)} with nothing running on this order: ignored (is its New Bag or start missing?).` });
          outcomes[i].note = `${e.action} with nothing running: ignored.`;
        }
        break;
      }
      case 'point': {
        // A bolus from the bag that is running on this order (Epic's `Bolus from Bag`) is fluid or drug already in
        // that bag, charted with its dose: part of the bag's administration, never a second dose, a second drug
        // line or an open infusion of its own (the bag's charted dose already counts it).
        if (current && !current.paused && actionKey(e.action) === BOLUS_FROM_BAG) {
          join(current, i, `${e.action}: given from the bag on row ${current.admin.openRow}, part of its administration (its dose is in that bag's).`);
          break;
        }
        // The same dose charted twice at one minute on one order is most likely one dose entered twice: both
        // are kept (a second dose is possible) and the second says so, as a New Bag charted twice does.
        if (lastPoint !== null && lastPoint.time === t) {
          addFinding(outcomes[i], {
            id: 'overlapping-actions',
            on: 'time',
            message: `${e.action} at ${clock(t)}, the same minute as the dose on row ${lastPoint.row} of this order: coded as a second dose; check for a duplicate entry.`,
          });
        }
        lastPoint = { time: t, row: e.row };
        // Epic charts an IV piggyback as Given with its duration: over 15 minutes (or by an infusion route) the dose
        // ran as an infusion, from the action to its documented end, as a flat sheet's start and stop read.
        const ran = e.durationSeconds !== null && (e.durationSeconds >= INFUSION_MIN_MINUTES * 60 || e.infusionRoute);
        const admin = newAdmin(e, t, !ran);
        if (ran) {
          admin.stop = t + e.durationSeconds!;
          admin.stopSource = 'duration';
        }
        outcomes[i].role = 'opens';
        outcomes[i].admin = administrations.length;
        administrations.push(admin);
        break;
      }
      default:
        break;
    }
  }
  const last = run as Run | null;
  if (last) {
    if (last.paused) {
      close(last, last.pausedAt, 'pause'); // paused and never restarted: the run ended at the pause
    } else if (last.durationEnd !== null) {
      close(last, last.durationEnd, 'duration');
    } else {
      last.admin.rateVolumeMl = null;
      addFinding(outcomes[last.opener], {
        id: 'missing-stop-time',
        on: 'time',
        message: `This bag was started at ${clock(last.admin.start!)} and no stop, pause or completion follows on its order: the infusion has no stop time.`,
      });
    }
  }
}

/** A stopped run a Restarted action may continue (a single dose never restarts). */
function reopenable(r: Run | null): boolean {
  return r !== null && !r.admin.point && r.admin.stop !== null;
}

/** Running minutes of an administration (paused minutes excluded), or null without a stop. */
export function runningMinutes(a: Administration): number | null {
  if (a.start === null || a.stop === null) return null;
  return Math.floor((a.stop - a.start - a.pausedSeconds) / 60);
}

/** Whether `list` is already in `order`. */
function inOrder<T>(list: readonly T[], order: (a: T, b: T) => number): boolean {
  for (let i = 1; i < list.length; i++) if (order(list[i - 1], list[i]) > 0) return false;
  return true;
}
