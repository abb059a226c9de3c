/**
 * The MAR action vocabulary: which action words start, stop, continue or are a single dose. Data, not code:
 * the user extends or overrides it (`--action "Bag Hung=start"`, the pane's Actions table), since sites add
 * their own names. Source: the project domain file EXPORTS.md, section A (Epic MAR_ADMIN_INFO.MAR_ACTION_C_NAME and
 * Cerner CE_MED_RESULT.IV_EVENT_CD values), edition of 2026.
 */

/**
 * - start: opens a run (a new bag while one runs is a bag change);
 * - resume: a start that continues a paused (or stopped) run of the order: one administration;
 * - stop: closes the run; pause: a stop that a later resume continues (its minutes are excluded);
 * - continue: the run goes on (a rate of 0 is a stop); point: a dose given at that time;
 * - not-given: charted but not given, skipped.
 */
export const ACTION_KINDS = ['start', 'resume', 'stop', 'pause', 'continue', 'point', 'not-given'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** Built-in action words per kind (EXPORTS.md A). */
export const DEFAULT_ACTIONS: Record<ActionKind, readonly string[]> = {
  start: [
    'New Bag', 'Begin Bag', 'Started', 'Start', 'Started by Another Clinician', 'Started During Downtime',
    'New Syringe/Cartridge', 'New Bag-See Override',
  ],
  resume: ['Restarted', 'Resumed'],
  stop: ['Stopped', 'Completed', 'Infusion Complete', 'Discontinued', 'Stop', 'Ended'],
  pause: ['Paused'],
  continue: ['Rate Change', 'Rate Verify', 'Same Bag', 'Bag Switched', 'Infuse'],
  point: [
    'Given', 'Push', 'Bolus', 'Bolus from Bag', 'Administered', 'Given by Other', 'Given-See Override',
    'Given During Downtime', 'Admin by Another Clinician', 'Applied', 'Contrast Given',
  ],
  'not-given': [
    'Missed', 'Refused', 'Held', 'Canceled Entry', 'MAR Hold', 'MAR Unhold', 'Due', 'Pending', 'Prepared',
    'See Alternative', 'Automatically Held', 'Not Given',
  ],
};

/** Case-, space- and punctuation-insensitive key of an action word: `New Bag-See Override` -> `newbagseeoverride`. */
export function actionKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** Action word (by key) -> kind. */
export type ActionVocabulary = ReadonlyMap<string, ActionKind>;

/** Words a user may write for each kind (`Bag Hung=begin` reads as start). */
const KIND_WORDS: Record<string, ActionKind> = {
  start: 'start', begin: 'start', open: 'start', resume: 'resume', restart: 'resume', stop: 'stop', end: 'stop',
  pause: 'pause', continue: 'continue', rate: 'continue', point: 'point', given: 'point', push: 'point',
  notgiven: 'not-given', skip: 'not-given', ignore: 'not-given', ignored: 'not-given',
};

/** The kind a user named, or null: `start`, `Stop`, `not-given`, `not given`. */
export function readKind(text: string): ActionKind | null {
  return KIND_WORDS[actionKey(text)] ?? null;
}

export interface ActionOverride {
  action: string;
  kind: ActionKind;
}

/** `Bag Hung=start` -> { action: 'Bag Hung', kind: 'start' }; a message when it is not that shape. */
export function parseActionOverride(text: string): ActionOverride | { error: string } {
  const eq = text.lastIndexOf('=');
  const action = eq > 0 ? text.slice(0, eq).trim() : '';
  const kind = eq > 0 ? readKind(text.slice(eq + 1)) : null;
  if (!action || actionKey(action) === '') {
    return { error: `'${text}' is not ACTION=KIND (for example "Bag Hung=start")` };
  }
  if (!kind) {
    return { error: `'${text.slice(eq + 1).trim()}' is not an action kind (start, resume, stop, pause, continue, point, not-given)` };
  }
  return { action, kind };
}

/** The built-in words plus the user's, the user's winning a word both name. */
export function actionVocabulary(overrides: readonly ActionOverride[] = []): ActionVocabulary {
  const map = new Map<string, ActionKind>();
  for (const kind of ACTION_KINDS) for (const word of DEFAULT_ACTIONS[kind]) map.set(actionKey(word), kind);
  for (const o of overrides) map.set(actionKey(o.action), o.kind);
  return map;
}
