/**
 * Readers for the free-text columns: route, purpose, setting, primary flag and IV site.
 * Each returns a small closed set of meanings, or 'unknown' so the engine can raise a finding.
 */
import type { Setting } from './types';

export type Route =
  | 'infusion'
  | 'push'
  | 'iv'
  | 'im'
  | 'sq'
  | 'sq-infusion'
  | 'intra-arterial'
  | 'on-body'
  | 'intrapleural'
  | 'intraperitoneal'
  | 'intrathecal'
  | 'reservoir'
  | 'pump'
  | 'pump-refill'
  | 'port-flush'
  | 'unlisted'
  | 'not-coded'
  | 'unknown';
export type Purpose = 'therapeutic' | 'hydration' | 'chemotherapy' | 'flush' | 'unknown';

/** Lower-case words only: punctuation becomes space. */
export function words(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9%]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Caches a text reader: columns repeat the same few spellings over thousands of rows. The cache starts
 * over past `limit` texts, so a column of unique notes cannot grow it without end.
 */
export function memo<T>(read: (text: string) => T, limit = 20000): (text: string) => T {
  const cache = new Map<string, T>();
  // The last text asked, answered without hashing: consecutive rows (one encounter's bags) repeat their drug, route
  // and type texts, and a string comparison is cheaper than a Map lookup (about 10 lookups a row).
  let lastText: string | undefined;
  let lastValue: T | undefined;
  return (text: string) => {
    if (text === lastText) return lastValue as T;
    let value = cache.get(text);
    if (value === undefined) {
      value = read(text);
      if (cache.size >= limit) cache.clear();
      cache.set(text, value);
    }
    lastText = text;
    lastValue = value;
    return value;
  };
}

/** Route text -> meaning. `IV` alone is ambiguous: the engine decides from the times. */
export const readRoute = memo((text: string): Route => classifyRoute(words(text)));

function classifyRoute(w: string): Route {
  const has = (re: RegExp) => re.test(w);
  // Edition 2 routes first: their words contain the older ones (`SQ infusion`, `pump refill`, `port flush`).
  if (has(/\b(refill|refilled|pump maintenance|reservoir fill)\b/)) return 'pump-refill';
  if (has(/\b(port flush|flush|irrigation|irrigate|port irrigation|de ?clot|line care)\b/)) return 'port-flush';
  if (has(/\b(on ?body|obi|onpro|onbody|body injector|on body injector)\b/)) return 'on-body';
  if (has(/\b(sq|sc|subq|subcut|subcutaneous|sub q|sub cut|s c|s q|scig)\b/) && has(/\b(infusion|infuse|infused|pump|scig|drip)\b/)) return 'sq-infusion';
  if (has(/\b(scig|hypodermoclysis)\b/)) return 'sq-infusion';
  if (has(/\b(intra ?arterial|intraarterially|ia|i a|arterial|hepatic artery|hai)\b/)) return 'intra-arterial';
  if (has(/\b(intra ?pleural|pleural)\b/)) return 'intrapleural';
  if (has(/\b(intra ?peritoneal|peritoneal|ip)\b/)) return 'intraperitoneal';
  if (has(/\b(ommaya|reservoir|intraventricular|intra ventricular|subarachnoid)\b/)) return 'reservoir';
  if (has(/\b(intra ?thecal|it|lumbar puncture|spinal)\b/)) return 'intrathecal';
  if (has(/\b(im|intramuscular|intramuscularly|i m)\b/)) return 'im';
  if (has(/\b(sq|sc|subq|subcut|subcutaneous|subcutaneously|sub q|sub cut|s c|s q)\b/)) return 'sq';
  if (has(/\b(ambulatory pump|portable pump|home pump|cadd|elastomeric|infusor|pump)\b/)) return 'pump';
  if (has(/\b(push|ivp|slow push|iv push|bolus push)\b/)) return 'push';
  // `IV injection`, `Injection, IV`: CPT's own words for a push (96374 "injection ... intravenous push").
  if (has(/\b(iv|intravenous|intravenously) (inj|injection|injected)\b|\b(inj|injection) (iv|intravenous)\b/) && !has(/\b(infusion|infuse|infused|drip|over)\b/)) return 'push';
  // IVSS (IV secondary set, a piggyback), CIVI (continuous IV infusion): nursing and oncology abbreviations.
  if (has(/\b(infusion|infuse|infused|ivpb|piggyback|pb|drip|continuous|ivf|iv infusion|gtt|minibag|ivss|civi)\b/)) return 'infusion';
  if (has(/\bbolus\b/)) return 'push';
  if (has(/\b(iv|intravenous|intravenously|i v|port|picc|central line)\b/)) return 'iv';
  if (has(/\b(intralesional|intravesical|intra articular|intraarticular|intravitreal|intraocular|epidural|intraosseous|io|intracavernous|intrauterine|intratumoral|intra tumoral|intralymphatic|intranodal|perineural|intracardiac)\b/)) {
    return 'unlisted';
  }
  if (has(/\b(po|oral|orally|sl|sublingual|buccal|topical|inhaled|inhalation|inhalational|inhal|inh|aerosol|neb|nebulized|nebulizer|nebulization|pr|rectal|vaginal|intravaginal|id|intradermal|nasal|intranasal|ophthalmic|otic|td|transdermal|enteral|ng tube|g tube|gt|peg|feeding tube)\b/)) {
    return 'not-coded';
  }
  return 'unknown';
}

/** (Not `hold`: `hold if diarrhea` is an order, not a pause.) */
const PAUSE_WORDS = /\b(?:pause|paused|restart|restarted|resume|resumed|held|interrupted)\b/;

/** The row's notes or purpose say its bag was paused and restarted (RULES.md 5.3). */
export function notesAPause(line: { text: { necessity?: string; purpose?: string } }): boolean {
  return mentionsAPause(line.text.necessity) || mentionsAPause(line.text.purpose);
}

/** A note is free text, often unique per row: checked cheaply before it is normalised. */
function mentionsAPause(text: string | undefined): boolean {
  return text !== undefined && /paus|restart|resum|held|interrupt/i.test(text) && PAUSE_WORDS.test(words(text));
}

export const readPurpose = memo(function readPurpose(text: string): Purpose {
  const w = words(text);
  if (!w) return 'unknown';
  if (/\b(flush|flushed|lock|irrigation|patency)\b/.test(w)) return 'flush';
  if (/\b(chemo|chemotherapy|antineoplastic|oncology|complex|biologic|biological|monoclonal)\b/.test(w)) return 'chemotherapy';
  if (/\b(hydration|hydrate|rehydration|ivf|fluids?|volume|dehydration)\b/.test(w)) return 'hydration';
  if (/\b(therapeutic|therapy|prophylactic|prophylaxis|diagnostic|treatment|tx|ther|proph|dx|antibiotic|premed|premedication|antiemetic|pain|replacement|electrolyte)\b/.test(w)) {
    return 'therapeutic';
  }
  return 'unknown';
});

/** Setting text -> facility or office; POS codes 19/22/23 (and 21, 24) are hospital, 11 is office. */
export const readSetting = memo(function readSetting(text: string): Setting | 'unknown' {
  const w = words(text);
  if (!w) return 'unknown';
  if (/\b(office|physician|practice|pos 11|clinic office|professional)\b/.test(w) || /^(11|pos11)$/.test(w)) return 'office';
  if (/\b(facility|hospital|hopd|outpatient|opd|op|outpt|o p|recurring|series|ed|er|emer|emergency|observation|obs|inpatient|day surgery|pos (19|21|22|23|24)|ub|ub04|institutional)\b/.test(w) || /^(19|21|22|23|24|pos(19|21|22|23|24))$/.test(w)) {
    return 'facility';
  }
  // An EHR patient class `Clinic` (not a hospital's, caught above) is an office, as the EHR adapters read it.
  if (/\bclinic\b/.test(w)) return 'office';
  return 'unknown';
});

export function readPrimary(text: string): boolean {
  return text !== '' && /^(y|yes|x|true|1|primary|p|\u2713|\u2714)$/i.test(text.trim());
}

const SITE_WORDS: Record<string, string> = {
  left: 'l', lt: 'l', right: 'r', rt: 'r', ac: 'antecubital', acf: 'antecubital', antecub: 'antecubital',
  fa: 'forearm', arm: 'arm', hand: 'hand', porta: 'port', portacath: 'port', mediport: 'port', powerport: 'port',
  cath: '', catheter: '', line: '', iv: '', site: '', peripheral: '', piv: '', the: '', of: '', g: '', ga: '',
};

/** Normalised IV site: `Lt. A/C 20g` and `left antecubital` compare equal. Blank -> ''. */
export const normalizeSite = memo(function normalizeSite(text: string): string {
  const out: string[] = [];
  for (const word of text.toLowerCase().replace(/a\/c/g, 'ac').split(/[^a-z0-9]+/)) {
    if (!word || /^\d+$/.test(word) || /^\d+g$/.test(word)) continue; // gauge numbers are not the site
    const mapped = SITE_WORDS[word];
    if (mapped === '') continue;
    out.push(mapped ?? word);
  }
  return out.join(' ');
});

/**
 * Words that say a fluid only keeps the line open (RULES.md section 3, KVO / TKO): one spelling list for the
 * dose cell (values/dose.ts) and free text (mentionsKvo).
 */
export const KVO_PHRASE = '(?:kvo|tko|keep\\s+(?:the\\s+)?(?:veins?\\s+|line\\s+)?open|to\\s+keep\\s+open)';
const KVO_RE = new RegExp(`\\b${KVO_PHRASE}\\b`);
const DILUENT_RE = /\b(diluent|carrier|mixed with|admixture|dilution)\b/;

const PUMP_WORDS = /\b(pump|cadd|infusor|elastomeric|ambulatory)\b/;

/** Normalised words that say a pump was disconnected or taken down (`pump disconnect`, `5-FU pump d/c`). */
function isDisconnect(w: string): boolean {
  return /\b(disconnect|disconnected|disconnection)\b/.test(w) || (PUMP_WORDS.test(w) && /\b(d c|dc|removal|removed|off|take down|taken down)\b/.test(w));
}

/** Words a route cell about a pump's disconnect holds, and nothing else (`pump disconnect`, `CADD pump removed`). */
const DISCONNECT_ROUTE_WORDS = new Set(['pump', 'cadd', 'infusor', 'elastomeric', 'ambulatory', 'portable', 'home', 'iv', 'port', 'disconnect', 'disconnected', 'disconnection', 'd', 'c', 'dc', 'removal', 'removed', 'off', 'take', 'taken', 'down', 'of', 'the']);

/**
 * A route cell that says only that a pump was disconnected: not coded whatever the dose a row repeats (a route
 * such as `IV infusion, pump off at 12:00` or `Ambulatory pump, d/c in 46 h` says more, and is the administration).
 */
export const routeIsDisconnect = memo((text: string): boolean => {
  const w = words(text);
  return isDisconnect(w) && w.split(' ').every((t) => DISCONNECT_ROUTE_WORDS.has(t));
});

/**
 * A route or drug cell that says the pump was disconnected (`pump disconnect`, `5-FU pump d/c`). Only asked of a
 * pump row with no dose (classify.ts): a row that gives a dose is the pump's start, whatever it notes.
 */
export const mentionsDisconnect = memo((text: string): boolean => /disconn|d\/c|\bdc\b|remov|\boff\b|take|taken/i.test(text) && isDisconnect(words(text)));

/** Free text (often unique per row, like a necessity note) is checked cheaply before it is normalised. */
export function mentionsKvo(text: string): boolean {
  return text !== '' && /kvo|tko|keep/i.test(text) && KVO_RE.test(words(text));
}

/** The same, for texts that repeat (drug, dose, route, purpose): read once per text. */
export const saysKvo = memo(mentionsKvo);

/** Purpose and drug texts repeat, so the answer is cached per text. */
export const mentionsDiluent = memo(
  (text: string): boolean => /diluent|carrier|mixed|admix|dilution/i.test(text) && DILUENT_RE.test(words(text)),
);
