/**
 * The dose of a reconstructed administration: each bag's dose counts (a bag change adds its dose), and a
 * fluid charted without a bag volume is the volume it infused (rate x running time, or the volumes the log documents).
 */
import type { CellValue } from '../../rules/types';
import { parseDose, type Dim } from '../../rules/values/dose';
import { isBlank } from '../../rules/values/cell';
import { BAG_MIN_ML } from '../../rules/hcpcs';

const UNIT: Record<Dim, string> = { mass: 'mg', volume: 'mL', units: 'units', meq: 'mEq' };

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * The dose cell of the administration. One bag: its own cell as written. Several bags of one unit: the sum
 * (`500 mg in 100 mL` twice -> `1000 mg in 200 mL`). No dose charted, an infused volume: `375 mL at 125 mL/hr`.
 */
export function administrationDose(
  bagDoses: CellValue[],
  infusedMl: number | null,
  runningMinutes: number | null,
): CellValue {
  const given = bagDoses.filter((d) => !isBlank(d));
  const parsed = given.map((d) => {
    const p = parseDose(d);
    return p.ok ? p.value : null;
  });
  // The infused volume stands in for a bag volume that was not charted (RULES.md 6.3: bags by volume; a volume
  // from rate x time counts like a documented one), as a flat sheet's volume column does: a charted 1000 mL bag
  // stays one 1000 mL bag, whatever ran of it.
  if (infusedMl !== null && given.length === 0) {
    const volume = Math.round(infusedMl);
    const rate = runningMinutes && runningMinutes > 0 ? Math.round((infusedMl * 60) / runningMinutes) : null;
    return rate !== null ? `${volume} mL at ${rate} mL/hr` : `${volume} mL`;
  }
  if (given.length <= 1) return given[0] ?? null;
  if (parsed.some((p) => p === null || p.amount === null)) return given[0];
  const dim = parsed[0]!.amount!.dim;
  if (!parsed.every((p) => p!.amount!.dim === dim)) return given[0];
  const total = parsed.reduce((sum, p) => sum + p!.amount!.value, 0);
  // The bags a listed line counts (RULES.md 6.3): a drug's diluent under 250 mL is never listed, however many bags.
  // (A chain of bags with no stop is timed by the adapter from all their volume: see bagsVolumeMl.)
  const listed = parsed.every((p) => p!.bagMl !== null && dim !== 'volume') ? parsed.filter((p) => p!.bagMl! >= BAG_MIN_ML) : [];
  const bags = listed.length > 0 ? listed.reduce((s, p) => s + p!.bagMl!, 0) : null;
  return `${round(total)} ${UNIT[dim]}${bags !== null ? ` in ${round(bags)} mL` : ''}`;
}

/** The volume of all the bags a drug was mixed in (`1 g in 100 mL` each), or null when one does not say it. */
export function bagsVolumeMl(bagDoses: CellValue[]): number | null {
  let total = 0;
  for (const d of bagDoses) {
    if (isBlank(d)) continue;
    const p = parseDose(d);
    if (!p.ok || p.value.bagMl === null) return null;
    total += p.value.bagMl;
  }
  return total > 0 ? total : null;
}
