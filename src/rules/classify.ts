/**
 * RULES.md section 3: what kind of service each line is (contrast, injection, complex, therapeutic,
 * hydration, or a fluid that earns no code) and whether it is a push or an infusion.
 */
import { INFUSION_MIN_MINUTES } from './hours';
import type { Line } from './line';
import { missingTimeWords } from './line';
import type { CodingOptions } from './options';

export type Category =
  | 'contrast' // imaging agent: HCPCS only, the imaging code includes the injection
  | 'injection' // IM / SQ: 96372
  | 'complex' // chemotherapy and complex biologics: 964xx
  | 'therapeutic' // therapeutic, prophylactic, diagnostic drugs: 9636x / 9637x
  | 'hydration' // plain fluids: 96360 / 96361
  | 'kvo' // fluid to keep the vein open: no code, no hydration time
  | 'diluent' // fluid carrying a drug: no code
  | 'not-coded'; // a route outside this code family (oral, topical ...)

export type Mode = 'infusion' | 'push';

export interface Service {
  line: Line;
  category: Category;
  /** Push or infusion, for IV lines that can be coded; null when the line earns no administration code. */
  mode: Mode | null;
  /** Why the line earns no administration code (for the explanation), when mode is null. */
  uncodedReason: string | null;
}

/** Hierarchy rank (facility): complex infusion > complex push > therapeutic infusion > therapeutic push > hydration. */
export function rank(s: Service): number {
  if (s.category === 'complex') return s.mode === 'infusion' ? 5 : 4;
  if (s.category === 'therapeutic') return s.mode === 'infusion' ? 3 : 2;
  if (s.category === 'hydration') return 1;
  return 0;
}

const ELECTROLYTES = /^(potassium chloride|magnesium sulfate|potassium phosphate|sodium bicarbonate|calcium gluconate|calcium chloride)$/;

function category(line: Line, options: CodingOptions): Category {
  const entry = line.drug?.entry;
  if (entry?.drugClass === 'X') return 'contrast';
  if (line.route === 'not-coded') return 'not-coded';
  if (line.route === 'im' || line.route === 'sq') return 'injection';
  const isFluid = line.fluid !== null || entry?.drugClass === 'H';
  if (isFluid) {
    if (line.kvo) return 'kvo';
    if (line.diluent) return 'diluent';
    return 'hydration';
  }
  if (entry?.drugClass === 'C' || line.purpose === 'chemotherapy') return 'complex';
  if (entry && ELECTROLYTES.test(entry.name.toLowerCase())) {
    return options.electrolytes === 'by-purpose' && line.purpose === 'hydration' ? 'hydration' : 'therapeutic';
  }
  if (!entry && line.purpose === 'hydration') return 'hydration';
  return 'therapeutic';
}

export function classify(line: Line, options: CodingOptions): Service {
  const f = line.findings;
  if (!line.drugText && line.route === 'blank' && line.start === null && line.stop === null && !line.timeProblem) {
    // A row with a patient or a date but no administration on it (a half-filled export row).
    f.add('unknown-drug', 'drug', 'The row documents no drug, route or time: there is nothing to code.');
    return { line, category: 'not-coded', mode: null, uncodedReason: 'the row documents no drug, route or time' };
  }
  const cat = category(line, options);

  if (!line.drugText) f.add('unknown-drug', 'drug', 'No drug or solution is documented; the line is coded from route and time only.');
  else if (!line.drug && !line.fluid) {
    f.add('unknown-drug', 'drug', `'${line.drugText}' is not in the drug catalog or your drug map; no HCPCS line is made.`);
  }

  if (line.route === 'unknown') {
    f.add('unknown-route', 'route', `Route '${line.text.route}' is not recognised; it is inferred from the times.`);
  } else if (line.route === 'blank' && cat !== 'contrast') {
    f.add('missing-route', 'route', 'Route is blank; push or infusion is inferred from the times.');
  }

  const none = (reason: string): Service => ({ line, category: cat, mode: null, uncodedReason: reason });
  switch (cat) {
    case 'contrast':
      return none('contrast: the imaging procedure includes its injection');
    case 'not-coded':
      f.add('route-not-coded', 'route', `Route '${line.text.route}' has no injection or infusion code.`);
      return none(`route '${line.text.route}' has no administration code`);
    case 'kvo':
      return none('fluid run to keep the vein open earns no code and its time is not hydration');
    case 'diluent':
      return none("fluid used as a drug's diluent earns no code");
    case 'injection':
      if (line.start === null && !line.timeProblem) f.add('missing-start-time', 'start', 'Injection has no administration time.');
      return { line, category: cat, mode: 'push', uncodedReason: null };
    default:
      return ivService(line, cat, options);
  }
}

/** Push or infusion for an IV line (RULES.md 3.5 and 3.6). */
function ivService(line: Line, cat: Category, options: CodingOptions): Service {
  const f = line.findings;
  const hydration = cat === 'hydration';
  const saysPush = line.route === 'push' && !hydration; // fluids have no push form
  const saysInfusion = line.route === 'infusion' || (hydration && line.route === 'push');

  if (saysPush) {
    if (line.start === null && !line.timeProblem) f.add('missing-start-time', 'start', 'IV push has no administration time.');
    return { line, category: cat, mode: 'push', uncodedReason: null };
  }

  if (line.minutes !== null) {
    if (line.minutes >= INFUSION_MIN_MINUTES) return { line, category: cat, mode: 'infusion', uncodedReason: null };
    if (hydration) return { line, category: cat, mode: 'infusion', uncodedReason: null }; // too short: below threshold later
    return { line, category: cat, mode: 'push', uncodedReason: null };
  }

  // No usable duration.
  const treatedAsInfusion = saysInfusion || hydration || line.stop !== null;
  if (!treatedAsInfusion && line.start !== null) {
    return { line, category: cat, mode: 'push', uncodedReason: null }; // route IV or blank with a single time
  }
  if (line.start === null && !line.timeProblem) {
    f.add('missing-start-time', 'start', hydration ? 'Hydration has no start time; it cannot be coded.' : 'IV infusion has no start time.');
  }
  if (line.stop === null && !line.timeProblem) {
    f.add('missing-stop-time', 'stop', hydration ? 'Hydration has no stop time; it cannot be coded.' : 'IV infusion has no stop time, so its length cannot be supported.');
  }
  if (hydration) return { line, category: cat, mode: null, uncodedReason: `hydration without a documented ${missingTimeWords(line)} cannot be coded` };
  if (options.missingTimeInfusion === 'none') {
    return { line, category: cat, mode: null, uncodedReason: `infusion without a documented ${missingTimeWords(line)} is not coded (option)` };
  }
  return { line, category: cat, mode: 'push', uncodedReason: null };
}
