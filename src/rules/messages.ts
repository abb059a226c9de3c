/**
 * Every finding sentence of the rules module, in one place. Decisions raise a finding by id and parameters
 * (`row.findings.add('missing-stop-time', 'stop', { variant: 'infusion' })`); the sentence a biller reads is
 * rendered here. Tests assert ids and parameters, so wording can change without touching a decision.
 *
 * A template is chosen by `id` or, when the finding has several sentences, by `id/variant`. `{name}` is
 * replaced by the parameter of that name (numbers as written, text as given).
 */
import type { FindingId, FindingParams } from './types';
import { sentenceOf, type SentenceValue } from './sentences';

const TEMPLATES: Record<string, string> = {
  // Reading values (RULES.md 2)
  'unparseable-date': 'Date {problem}.',
  'unparseable-time/start': 'Start time {problem}.',
  'unparseable-time/stop': 'Stop time {problem}.',
  'unparseable-dose': 'Dose {problem}.',
  'unparseable-dose/waste': "Waste '{waste}' cannot be read as an amount of {drug}.",
  'unparseable-rate': "Rate '{rate}' cannot be read as an infusion rate (write it like 125 mL/hr or 2 mg/min).",
  'cell-cut': "The {column} cell held {length} characters, over Excel's 32,767-character cell limit: it was read, and is written, cut to its first 32,767.",
  'unread-administration': 'The {column} cell holds a further administration on this row; it was not coded: give each administration its own row.',
  'stop-before-start': 'Stop time {stop} is before start time {start} and is not a plausible midnight crossing.',
  'missing-date': 'No date of service: the line cannot be placed on a claim date.',
  'drug-name-guess': "'{text}' was read as {drug}; check the spelling.",
  'unknown-setting': "Setting '{setting}' is not recognised; the encounter's default ({fallback}) is used.",
  'invalid-diagnosis-code': "'{code}' is not an ICD-10-CM code (ICD-9 codes are not accepted).",
  'invalid-diagnosis-code/unreadable': 'Diagnosis {problem}.',
  'invalid-ndc': 'NDC {problem}.',
  'ambiguous-ndc':
    "NDC '{text}' has 10 digits without hyphens, so it could be {readings}: write it as printed on the package, with its hyphens (or as 11 digits).",

  // Classifying (RULES.md 3)
  'unknown-drug/empty-row': 'The row documents no drug, route or time: there is nothing to code.',
  'unknown-drug/no-drug': 'No drug or solution is documented; the line is coded from route and time only.',
  'unknown-drug': "'{text}' is not in the drug catalog or your drug map; no HCPCS line is made.",
  'unknown-route': "Route '{route}' is not recognised; it is inferred from the times.",
  'missing-route': 'Route is blank; push or infusion is inferred from the times.',
  'route-not-coded': "Route '{route}' has no injection or infusion code.",
  'missing-start-time/injection': 'Injection has no administration time.',
  'missing-start-time/push': 'IV push has no administration time.',
  'missing-start-time/hydration': 'Hydration has no start time; it cannot be coded.',
  'missing-start-time/infusion': 'IV infusion has no start time.',
  'missing-start-time/service': '{service} has no start time.',
  'missing-stop-time/hydration': 'Hydration has no stop time; it cannot be coded.',
  'missing-stop-time/infusion': 'IV infusion has no stop time, so its length cannot be supported.',
  'missing-stop-time/computed':
    'IV infusion has no stop time; a stop of {stop} was computed from {volume} mL at {rate}, but the record still needs the documented stop.',
  'missing-stop-time/service': '{service} has no stop time, so its length cannot be supported.',
  'injection-purpose-unknown':
    '{drug} is coded differently for cancer ({cancerCode}) and other uses ({otherCode}): no purpose or diagnosis says which; coded {code}. Document the purpose or the diagnosis.',
  'short-sc-infusion': 'Subcutaneous infusion of {minutes} min (15 or less) is coded as an injection ({code}).',
  'unlisted-service':
    "{what} fits no drug-administration code: an unlisted code ({code}) is never assigned automatically; send the drug, dose and NDC to coding for review.",
  'pump-refill-bundled': 'Pump refill on {date} is not reported: the same date has chemotherapy administration ({code}).',

  // Encounters, access, time (RULES.md 4, 5)
  'site-restart':
    "IV site changed to '{site}' without running at the same time as the first site: treated as a restarted IV, not a separate access.",
  'no-primary-marked': 'Office encounter with no line marked primary: the initial service follows the facility hierarchy.',
  'below-threshold/repeat-bag': '{drug} infused again (a new bag) for {minutes} min; {code} needs {needed}.',
  'below-threshold/repeat-no-time': '{drug} was given again with no time documented; {code} needs more than {gap} min since the last dose.',
  'below-threshold/repeat-too-soon': '{drug} was pushed again {minutes} min after its last dose; {code} needs more than {gap}.',
  'below-threshold/repeat-office': '{drug} was pushed again {minutes} min after its last dose; {code} is not reported in the office setting.',
  // The same when the push came first, before the drug's other administration.
  'below-threshold/first-too-soon': '{drug} was pushed {minutes} min before its other administration; {code} needs more than {gap}.',
  'below-threshold/first-office': '{drug} was pushed {minutes} min before its other administration; {code} is not reported in the office setting.',
  'below-threshold/hydration-initial': 'Hydration ran {minutes} min; {code} needs {needed}.',
  'below-threshold/hydration-beside': 'Hydration had {minutes} min of its own time beside other services; {code} needs {needed}.',
  'below-threshold/sc-hour': 'Subcutaneous infusion ran {minutes} min; no extra hour ({code}) is earned.',
  'concurrent-limit': '{drug} ran concurrently, but {code} is reported once per encounter.',
  'concurrent-complex-drug':
    '{drug} ran beside another complex drug ({other}) for {minutes} min: no concurrent code is reported for a complex drug beside a complex drug; review.',
  'split-dose': '{drug} given in {syringes} syringes at {time} is one dose: one injection code ({code}).',
  'flush-bundled/irrigation':
    'Port irrigation on {date} is not reported: {code} is reported only when it is the only administration service that date (its flush product is not listed either).',
  'flush-bundled/product': '{drug} keeps the line open and is part of the administration on {date}: no HCPCS line.',
  'flush-bundled/after-infusion': 'A flush after an infusion is part of the administration: no code and no flush product line.',

  // Drug lines (RULES.md 6)
  'missing-dose/fluid': 'No volume documented: the IV solution bag cannot be billed.',
  'missing-dose/unclassified': 'No dose documented for {drug}; the claim needs the dose with the NDC.',
  'missing-dose/shared': "One dose '{dose}' for the {count} drugs of this cell: read as {drug}'s; write each drug's dose (10 mg + 8 mg).",
  'missing-dose': 'No dose documented for {drug}: no HCPCS units can be billed.',
  'dose-unit-mismatch': "Dose '{dose}' cannot be converted to {uom}, the billing measure of {code}; no HCPCS units billed.",
  'dose-unit-mismatch/no-unit': "Dose '{dose}' has no unit; it was read as {amount} {uom}.",
  'unclassified-drug': '{drug} has no dedicated HCPCS code: bill {code} x1 with the NDC, drug name and dose on the claim.',
  'unclassified-drug/with-ndc': '{drug} has no dedicated HCPCS code: bill {code} x1 with NDC {ndc} and the dose on the claim.',
  'missing-ndc/unclassified':
    '{code} is a not-otherwise-classified drug code: the claim needs the NDC of the {drug} package given (with the name and dose), else it is returned unprocessed; add the NDC.',
  'missing-waste': '{drug} is a single-dose drug on a {payer} claim: document the amount discarded (0 if none) for JW/JZ.',
  'code-not-effective': 'No catalog code for {drug} is in effect on {date}; {code} (the current code) is shown: check the code for that date.',
  'mue-exceeded': '{code} has {units} units on {date}, over its Medically Unlikely Edit of {limit}; check the documentation before billing.',
  'mue-exceeded/patient-day':
    "{code} has {units} units on {date} with the patient's earlier encounters that day ({here} in this one), over its Medically Unlikely Edit of {limit}; check the documentation before billing.",


  // Documentation (RULES.md 7)
  'missing-necessity': 'Billable line without a medical-necessity note: document why the patient needed it.',
  'missing-diagnosis': 'Billable line without a diagnosis code supporting it.',
};

type Render = (params: FindingParams) => string;

/**
 * Splits a template once into text and parameter names, so rendering is a join (findings are frequent), and
 * each sentence is kept once (sentences.ts).
 */
function compile(template: string): Render {
  const parts = template.split(/\{(\w+)\}/);
  if (parts.length === 1) return () => template;
  const pieces = parts.filter((_, i) => i % 2 === 0);
  const names = parts.filter((_, i) => i % 2 === 1);
  // One list of values per template, filled for each finding (sentenceOf keeps none of it).
  const values: SentenceValue[] = new Array(names.length);
  return (params) => {
    for (let i = 0; i < names.length; i++) {
      const value = params[names[i]];
      values[i] = value === undefined ? `{${names[i]}}` : value;
    }
    return sentenceOf(pieces, values);
  };
}

const RENDER = new Map<string, Render>(Object.entries(TEMPLATES).map(([key, template]) => [key, compile(template)]));

/** The template keys (for tests: every key renders without a leftover `{name}` when given its parameters). */
export const MESSAGE_KEYS: readonly string[] = Object.keys(TEMPLATES);

/** The parameter names a template uses. */
export function messageParams(key: string): string[] {
  const names: string[] = [];
  for (const m of (TEMPLATES[key] ?? '').matchAll(/\{(\w+)\}/g)) names.push(m[1]);
  return names;
}

/** The sentence of a finding: the `id/variant` template, else the id's own, else the id itself. */
export function renderFinding(id: FindingId, params: FindingParams): string {
  const variant = params.variant;
  const render = (variant !== undefined ? RENDER.get(`${id}/${variant}`) : undefined) ?? RENDER.get(id);
  return render ? render(params) : id;
}
