/**
 * Rows split into batches that code the same apart as together, so a big sheet is coded a batch at a time
 * and only one batch's working objects and results are alive at once (issue 13: a 1,048,576-row sheet).
 *
 * What ties rows together in codeRows: an encounter (encounterKey), and two encounters of one patient on one
 * day (the later one's initial code takes a modifier, RULES.md 4). So a batch holds whole encounters and
 * every encounter of a patient: the connected groups of "same encounter key" and "same patient" (coarser
 * than patient and day, and simpler to get right). Batches keep the rows' order of first appearance.
 */
import { cellText, isBlank } from './values/cell';
import { encounterKey } from './line';
import { parseDate } from './values/date';
import { parseTime } from './values/time';
import type { InputRow } from './types';

/** Union-find over small integer ids: the root of each id, with path halving. */
class Groups {
  private parent: number[] = [];
  add(): number {
    this.parent.push(this.parent.length);
    return this.parent.length - 1;
  }
  find(a: number): number {
    const p = this.parent;
    while (p[a] !== a) {
      p[a] = p[p[a]];
      a = p[a];
    }
    return a;
  }
  join(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/**
 * Indices of `rows` in batches of about `maxRows` rows (a group bigger than that is one batch of its own);
 * every index appears exactly once, and rows that affect each other's codes are in one batch.
 */
export function independentBatches(rows: readonly InputRow[], maxRows: number): number[][] {
  const groups = new Groups();
  const ids = new Map<string, number>();
  const idOf = (key: string) => {
    let id = ids.get(key);
    if (id === undefined) {
      id = groups.add();
      ids.set(key, id);
    }
    return id;
  };
  const rowGroup = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const values = rows[i]?.values ?? {};
    const id = idOf(`e\u0000${encounterKey(values)}`);
    if (!isBlank(values.patient)) groups.join(id, idOf(`p\u0000${cellText(values.patient).toLowerCase()}`));
    rowGroup[i] = id;
  }
  // Members of each connected group, in order of the group's first row.
  const members = new Map<number, number[]>();
  for (let i = 0; i < rows.length; i++) {
    const root = groups.find(rowGroup[i]);
    const list = members.get(root);
    if (list) list.push(i);
    else members.set(root, [i]);
  }
  const batches: number[][] = [];
  let current: number[] = [];
  for (const list of members.values()) {
    if (current.length > 0 && current.length + list.length > maxRows) {
      batches.push(current);
      current = [];
    }
    for (const i of list) current.push(i);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * What ties a row to rows elsewhere, as keys: its encounter, and its patient on its date of service (two
 * encounters of one patient on one date, RULES.md 4). Rows coded in separate runs code the same as together
 * when no key is shared between the runs (finer than independentBatches' whole patients, so a sheet sorted by
 * date splits freely): the check for rows coded in blocks as they are read.
 */
export function tieKeys(rows: readonly InputRow[]): Set<string> {
  const keys = new Set<string>();
  for (const input of rows) {
    const values = input?.values ?? {};
    keys.add(`e\u0000${encounterKey(values)}`);
    if (isBlank(values.patient)) continue;
    let day: number | null = null;
    const date = parseDate(values.date);
    if (date.ok) day = date.value;
    else {
      const start = parseTime(values.start);
      if (start.ok) day = start.value.day;
    }
    keys.add(`p\u0000${cellText(values.patient).toLowerCase()}\u0000${day ?? ''}`);
  }
  return keys;
}
