/**
 * RULES.md section 3: what kind of service each line is (contrast, flush, injection, on-body injector, SQ
 * infusion, intra-arterial, intracavitary, pump, complex, therapeutic, hydration, or a fluid that earns no
 * code) and whether it is a push or an infusion. Missing times (3.11) are settled here, including a stop
 * computed from the documented volume and rate.
 */
import type { DrugEntry } from './catalog/catalog';
import type { CodeSlot } from './codeTable';
import { code } from './codeTable';
import { ELECTROLYTES, IMPLANTED_DEVICE_WORDS, PROLONGED_PUMP_MINUTES } from './data/lists';
import { INFUSION_MIN_MINUTES } from './hours';
import type { DrugWords, Line } from './line';
import { drugWords } from './line';
import type { Route } from './vocabulary';
import { memo, mentionsDisconnect, routeIsDisconnect, words } from './vocabulary';
import type { CodingOptions } from './options';

export type Category =
  | 'contrast' // imaging agent: HCPCS only, the imaging code includes the injection
  | 'flush' // line-patency flush or port irrigation (5.5)
  | 'injection' // IM / SQ: 96372, 96401, 96402
  | 'on-body' // on-body injector: 96377
  | 'sq-infusion' // subcutaneous infusion: 96369-96371
  | 'intra-arterial' // 96373, or 96420-96425 for a complex drug
  | 'intracavitary' // 96440, 96446, 96450, 96542
  | 'pump' // prolonged chemotherapy with a pump: 96416 / G0498
  | 'pump-refill' // 96521 / 96522
  | 'complex' // chemotherapy and complex biologics: 964xx
  | 'therapeutic' // therapeutic, prophylactic, diagnostic drugs: 9636x / 9637x
  | 'hydration' // plain fluids: 96360 / 96361
  | 'kvo' // fluid to keep the vein open: no code, no hydration time
  | 'diluent' // fluid carrying a drug: no code
  | 'unlisted' // fits no code: 96379 / 96549 are never assigned automatically
  | 'not-coded'; // a route outside this code family (oral, topical ...)

export type Mode = 'infusion' | 'push';

export interface Service {
  line: Line;
  category: Category;
  /** Push or infusion, for lines that can be coded; null when the line earns no administration code. */
  mode: Mode | null;
  /** Why the line earns no administration code (for the explanation), when mode is null. */
  uncodedReason: string | null;
  /** Injections: which injection code (96372 / 96401 / 96402) and why. */
  injection: { slot: CodeSlot; why: string } | null;
  /** Flushes: a port / implanted-device irrigation (96523 candidate) rather than a peripheral line flush. */
  irrigation: boolean;
}

export interface ClassifyContext {
  options: CodingOptions;
  /** The not-complex injection list (RULES.md 3.3). */
  notComplex: (entry: DrugEntry) => boolean;
}

/** Hierarchy rank (facility): complex infusion > complex push > therapeutic infusion > therapeutic push > hydration. */
export function rank(s: Service): number {
  if (s.category === 'complex') return s.mode === 'infusion' ? 5 : 4;
  if (s.category === 'therapeutic') return s.mode === 'infusion' ? 3 : 2;
  if (s.category === 'hydration') return 1;
  return 0;
}

/** IV hierarchy categories (the others stand outside it, RULES.md 4). */
export function inIvHierarchy(s: Service): boolean {
  return s.mode !== null && (s.category === 'complex' || s.category === 'therapeutic' || s.category === 'hydration');
}

/** Compared, not looked up in a set: asked of every line. */
function isIntracavitary(route: Route | 'blank'): boolean {
  return route === 'intrapleural' || route === 'intraperitoneal' || route === 'intrathecal' || route === 'reservoir';
}

function isComplex(line: Line): boolean {
  return line.drug?.entry.drugClass === 'C' || line.complexProduct || complexInMixture(line) || line.purpose === 'chemotherapy';
}

/** A further drug of the cell is complex (most lines have none: no call into `some`). */
function complexInMixture(line: Line): boolean {
  return line.mixture.length > 0 && line.mixture.some((m) => m.drug?.entry.drugClass === 'C');
}

function isFlush(line: Line, drug: DrugWords, route: RouteWords): boolean {
  return line.drug?.entry.drugClass === 'F' || line.purpose === 'flush' || line.route === 'port-flush' || drug.flush || deaccessLock(line, route);
}

/**
 * Drug and route texts repeat row after row: what they say is read once per text (a regex a row cost more), and a
 * route cell's de-access and disconnect words with one cache lookup (the drug cell's: line.ts drugWords).
 */
interface RouteWords {
  deaccess: boolean;
  disconnect: boolean;
}
const routeWords = memo((text: string): RouteWords => ({ deaccess: /de-?\s?access/i.test(text), disconnect: routeIsDisconnect(text) }));
/** Whether a catalog name is an electrolyte's (one cache lookup, no lower-case copy a row). */
const isElectrolyte = memo((name: string): boolean => ELECTROLYTES.values.has(name.toLowerCase()));

/** Heparin or saline given at a port's de-access (`port de-access`): the lock flush, not a push of the drug. */
function deaccessLock(line: Line, route: RouteWords): boolean {
  return route.deaccess && /\b(heparin|saline|sodium chloride)\b/i.test(line.drugText);
}

function category(line: Line, options: CodingOptions): Category {
  const entry = line.drug?.entry;
  if (entry?.drugClass === 'X') return 'contrast';
  const drug = drugWords(line.drugText);
  const route = routeWords(line.text.route ?? '');
  if (isFlush(line, drug, route) && line.route !== 'pump-refill') return 'flush';
  if (line.route === 'pump-refill') return 'pump-refill';
  if (line.route === 'not-coded' || disconnectRow(line, route)) return 'not-coded';
  if (line.route === 'unlisted') return 'unlisted';
  if (line.route === 'on-body' || drug.onBody) return 'on-body';
  if (line.route === 'im' || line.route === 'sq') return 'injection';
  if (line.route === 'sq-infusion') return 'sq-infusion';
  if (line.route === 'intra-arterial') return 'intra-arterial';
  if (isIntracavitary(line.route)) return 'intracavitary';
  const isFluid = (line.fluid !== null || entry?.drugClass === 'H') && line.mixture.length === 0;
  if (isFluid) {
    if (line.kvo) return 'kvo';
    if (line.diluent) return 'diluent';
    return 'hydration';
  }
  if (isComplex(line)) return line.route === 'pump' && prolongedOrPlanned(line) ? 'pump' : 'complex';
  if (entry && isElectrolyte(entry.name)) {
    return options.electrolytes === 'by-purpose' && line.purpose === 'hydration' ? 'hydration' : 'therapeutic';
  }
  if (!entry && line.purpose === 'hydration') return 'hydration';
  return 'therapeutic';
}

/**
 * A pump row whose route or drug cell says the pump was disconnected, with no dose of its own (`pump disconnect`,
 * `5-FU pump d/c`): a row that gives a dose (`5-FU 2400 mg pump, d/c in 46 h`) is the pump's start.
 */
function disconnectRow(line: Line, route: RouteWords): boolean {
  if (route.disconnect) return true;
  return line.route === 'pump' && line.dose === null && !line.hasOwnDose && (mentionsDisconnect(line.text.route ?? '') || mentionsDisconnect(line.drugText));
}

/** A pump line runs over 8 hours, or has no stop (it went home running). */
function prolongedOrPlanned(line: Line): boolean {
  return line.minutes === null || line.minutes > PROLONGED_PUMP_MINUTES.values;
}

function service(
  line: Line,
  cat: Category,
  mode: Mode | null,
  uncodedReason: string | null = null,
  injection: Service['injection'] = null,
  irrigation = false,
): Service {
  return { line, category: cat, mode, uncodedReason, injection, irrigation };
}

/**
 * A service that earns no code, for the reason given. A function of its own: a closure in classify made a context
 * object holding classify's variables on every call.
 */
function uncoded(line: Line, cat: Category, reason: string): Service {
  return service(line, cat, null, reason);
}

export function classify(line: Line, ctx: ClassifyContext): Service {
  const { options } = ctx;
  const f = line.findings;
  if (!line.drugText && line.route === 'blank' && line.start === null && line.stop === null && !line.timeProblem) {
    // A row with a patient or a date but no administration on it (a half-filled export row).
    f.add('unknown-drug', 'drug', { variant: 'empty-row' });
    return service(line, 'not-coded', null, 'the row documents no drug, route or time');
  }
  const cat = category(line, options);

  if (!line.drugText) {
    if (cat !== 'pump-refill' && cat !== 'flush') f.add('unknown-drug', 'drug', { variant: 'no-drug' });
  } else if (!line.drug && !line.fluid && cat !== 'flush') {
    f.add('unknown-drug', 'drug', { text: line.drugText });
  }

  if (line.route === 'unknown') {
    f.add('unknown-route', 'route', { route: line.text.route ?? '' });
  } else if (line.route === 'blank' && cat !== 'contrast' && cat !== 'flush' && cat !== 'on-body') {
    f.add('missing-route', 'route');
  }

  switch (cat) {
    case 'contrast':
      return uncoded(line, cat, 'contrast: the imaging procedure includes its injection');
    case 'not-coded':
      if (disconnectRow(line, routeWords(line.text.route ?? ''))) {
        return uncoded(line, cat, 'a pump disconnect is not coded (RULES.md 3.8): the pump was coded when it started');
      }
      f.add('route-not-coded', 'route', { route: line.text.route ?? '' });
      return uncoded(line, cat, `route '${line.text.route}' has no administration code`);
    case 'unlisted':
      f.add('unlisted-service', 'route', { what: `Route '${line.text.route}'`, code: code('unlisted', line.drug?.entry.drugClass === 'C' ? 'unlisted-chemo' : 'unlisted-drug') });
      return uncoded(line, cat, `route '${line.text.route}' fits no drug-administration code (unlisted codes are assigned by a coder)`);
    case 'kvo':
      return uncoded(line, cat, 'fluid run to keep the vein open earns no code and its time is not hydration');
    case 'diluent':
      return uncoded(line, cat, "fluid used as a drug's diluent earns no code");
    case 'flush':
      if (isIrrigation(line)) return service(line, cat, 'push', null, null, true);
      return uncoded(line, cat, 'a line flush is part of the administration it keeps open');
    case 'injection':
      needsStart(line, 'injection');
      return service(line, cat, 'push', null, injectionCode(line, ctx));
    case 'on-body':
      needsStart(line, 'service', 'On-body injector application');
      return service(line, cat, 'push');
    case 'intracavitary':
    case 'pump-refill':
      return service(line, cat, 'push');
    case 'pump':
      needsStart(line, 'service', 'Pump infusion');
      return service(line, cat, 'infusion');
    case 'sq-infusion':
      return timedService(line, cat, options, 'Subcutaneous infusion');
    case 'intra-arterial':
      if (!isComplex(line)) {
        needsStart(line, 'injection');
        return service(line, cat, 'push');
      }
      // `intra-arterial push` reads as the intra-arterial route: the push is in its words (RULES.md 5.2, 96420).
      return PUSH_WORDS.test(words(line.text.route ?? '')) ? service(line, cat, 'push') : timedService(line, cat, options, 'Intra-arterial infusion');
    default:
      return ivService(line, cat, options);
  }
}

const PUSH_WORDS = /\b(?:push|ivp|bolus)\b/;

function needsStart(line: Line, variant: 'injection' | 'push' | 'service', service = ''): void {
  if (line.start === null && !line.timeProblem) line.findings.add('missing-start-time', 'start', { variant, service });
}

/** A port / implanted device named in the route, site or drug: an irrigation (96523) rather than a line flush. */
function isIrrigation(line: Line): boolean {
  const words = IMPLANTED_DEVICE_WORDS.values;
  return words.test(line.text.route ?? '') || words.test(line.text.site ?? '') || words.test(line.drugText) || /irrigat/i.test(line.text.route ?? '');
}

/** RULES.md 3.3: an injection's code by the drug's class and the line's purpose. */
function injectionCode(line: Line, ctx: ClassifyContext): { slot: CodeSlot; why: string } {
  const entry = line.drug?.entry;
  const name = entry?.name ?? line.drugText;
  if (entry?.antineoplastic === 'hormonal' || line.indicationDependent) {
    if (line.forCancer && entry?.antineoplastic === 'hormonal') return { slot: 'injection-hormonal', why: `${name} is a hormonal anti-neoplastic given for cancer` };
    if (line.purposeUnknown) {
      line.findings.add('injection-purpose-unknown', 'purpose', {
        drug: name,
        cancerCode: code('injection', 'injection-hormonal'),
        otherCode: code('injection', 'injection'),
        code: code('injection', 'injection'),
      });
      return { slot: 'injection', why: `${name} has no documented purpose or diagnosis, so the non-cancer injection code is used` };
    }
    return { slot: 'injection', why: `${name} is given for a purpose other than cancer` };
  }
  if (entry?.drugClass === 'C' || line.complexProduct || complexInMixture(line)) {
    if (ctx.options.complexInjections === 'mac-list' && entry && ctx.notComplex(entry)) {
      return { slot: 'injection', why: `${name} is on the not-complex injection list` };
    }
    return { slot: 'injection-non-hormonal', why: `${name} is a non-hormonal anti-neoplastic or complex drug` };
  }
  return { slot: 'injection', why: `${name} given by ${line.route === 'im' ? 'intramuscular' : 'subcutaneous'} injection` };
}

/**
 * RULES.md 3.11: a missing stop computed from the row's documented volume and rate (option computeStopFromRate).
 * The record still lacks the stop, so missing-stop-time is raised with the computed value.
 */
function computeStop(line: Line, options: CodingOptions): boolean {
  if (!options.computeStopFromRate || line.start === null || line.stop !== null || line.timeProblem || line.rateMinutes === null) return false;
  line.stop = line.start + line.rateMinutes * 60;
  line.minutes = line.rateMinutes;
  line.stopComputed = true;
  const volume = line.volumeMl ?? line.dose?.bagMl ?? line.dose?.amount?.value ?? 0;
  line.findings.add('missing-stop-time', 'stop', {
    variant: 'computed',
    stop: formatClock(line.stop % 86400),
    volume: Math.round(volume * 100) / 100,
    rate: line.text.rate ?? rateText(line),
    minutes: line.rateMinutes,
  });
  return true;
}

/** hh:mm of a time of day in seconds. */
export function formatClock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  return `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function rateText(line: Line): string {
  const mlh = line.rate?.mlPerHour;
  return mlh !== null && mlh !== undefined ? `${Math.round(mlh * 100) / 100} mL/hr` : 'the documented rate';
}

/** SQ and intra-arterial infusions: timed like an IV infusion; missing times follow the IV options. */
function timedService(line: Line, cat: Category, options: CodingOptions, what: string): Service {
  const f = line.findings;
  computeStop(line, options);
  if (line.minutes !== null) return service(line, cat, line.minutes >= INFUSION_MIN_MINUTES ? 'infusion' : 'push');
  if (line.start === null && !line.timeProblem) f.add('missing-start-time', 'start', { variant: 'service', service: what });
  if (line.stop === null && !line.timeProblem && !line.stopComputed) f.add('missing-stop-time', 'stop', { variant: 'service', service: what });
  const choice = line.start === null ? options.noTimesInfusion : options.missingTimeInfusion;
  if (choice === 'none' || line.timeProblem) return service(line, cat, null, `${what.toLowerCase()} without a usable start and stop time is not coded`);
  return service(line, cat, 'push');
}

/** A later segment of a bag restarted within this many seconds of the one before is the same bag. */
const SEGMENT_GAP_SECONDS = 3600; // a pause, not the next dose of the order (ondansetron q3h is two pushes)

/**
 * RULES.md 5.3: a paused and restarted bag is one administration and its segments' minutes add up. A segment of 15
 * minutes or less was classified a push on its own minutes, before the segments were joined (assign.ts joinBags
 * joins infusions only), so a 30-minute ceftriaxone paused halfway (a FHIR export's two periods, `partOf` the first)
 * was coded as a push and a repeat push. Here the segments of one bag (one bag value, one drug and access, each later
 * one without a dose of its own, restarted within hours) that run over 15 minutes together are infusions.
 */
export function joinShortSegments(services: Service[]): Service[] {
  let bags: Map<string, Service[]> | null = null;
  for (const s of services) {
    const l = s.line;
    if (l.bag === '' || l.minutes === null || l.start === null || l.route === 'push') continue;
    if (!(s.category === 'therapeutic' || s.category === 'complex') || (s.mode !== 'push' && s.mode !== 'infusion')) continue;
    const key = `${l.identity}|${l.site}|${l.bag}`;
    const list = (bags ??= new Map()).get(key);
    if (list) list.push(s);
    else bags.set(key, [s]);
  }
  if (!bags) return services;
  const promoted = new Set<Service>();
  for (const list of bags.values()) {
    if (list.length < 2 || !list.some((s) => s.mode === 'push')) continue;
    list.sort((a, b) => (a.line.start as number) - (b.line.start as number));
    let chain: Service[] = [list[0]];
    const close = () => {
      const minutes = chain.reduce((n, s) => n + (s.line.minutes as number), 0);
      if (chain.length > 1 && minutes >= INFUSION_MIN_MINUTES) for (const s of chain) if (s.mode === 'push') promoted.add(s);
    };
    for (let i = 1; i < list.length; i++) {
      const before = chain[chain.length - 1].line;
      const l = list[i].line;
      const gap = (l.start as number) - (before.stop ?? (before.start as number));
      if (!l.hasOwnDose && gap >= 0 && gap <= SEGMENT_GAP_SECONDS) chain.push(list[i]);
      else {
        close();
        chain = [list[i]];
      }
    }
    close();
  }
  if (promoted.size === 0) return services;
  return services.map((s) => (promoted.has(s) ? { ...s, mode: 'infusion' } : s));
}

/** Push or infusion for an IV line (RULES.md 3.10 and 3.11). */
function ivService(line: Line, cat: Category, options: CodingOptions): Service {
  const f = line.findings;
  const hydration = cat === 'hydration';
  const saysPush = line.route === 'push' && !hydration; // fluids have no push form
  const saysInfusion = line.route === 'infusion' || line.route === 'pump' || line.route === 'iv' || (hydration && line.route === 'push');

  if (saysPush) {
    needsStart(line, 'push');
    return service(line, cat, 'push');
  }
  if (line.minutes === null && (saysInfusion || hydration)) computeStop(line, options);

  if (line.minutes !== null) {
    if (line.minutes >= INFUSION_MIN_MINUTES) return service(line, cat, 'infusion');
    if (hydration) return service(line, cat, 'infusion'); // too short: below threshold later
    return service(line, cat, 'push');
  }

  // No usable duration. A blank route with a single time is a push or injection charted by its time.
  const treatedAsInfusion = saysInfusion || hydration || line.stop !== null;
  if (!treatedAsInfusion && line.start !== null) return service(line, cat, 'push');
  if (line.start === null && !line.timeProblem) f.add('missing-start-time', 'start', { variant: hydration ? 'hydration' : 'infusion' });
  if (line.stop === null && !line.timeProblem) f.add('missing-stop-time', 'stop', { variant: hydration ? 'hydration' : 'infusion' });
  if (hydration) return service(line, cat, null, 'hydration without a start and stop time cannot be coded');
  if (line.timeProblem && line.start === null) return service(line, cat, null, 'infusion without a readable start time is not coded');
  if (line.start === null && line.stop === null) {
    if (options.noTimesInfusion === 'none') return service(line, cat, null, 'infusion with no start and no stop time is not coded');
    return service(line, cat, 'push');
  }
  if (options.missingTimeInfusion === 'none') {
    return service(line, cat, null, 'infusion without a usable start and stop time is not coded (option)');
  }
  return service(line, cat, 'push');
}
