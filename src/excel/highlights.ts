/**
 * The add-in's conditional-format rules on a sheet (see sheet/marks.ts): found by the shape of their formula,
 * added one per highlighted column and severity, deleted by id. A user's own rules are listed too, and left.
 */
import { isOurRule } from '../sheet/marks';

/** A custom rule of the sheet as the scan saw it. */
export interface ExistingRule {
  id: string;
  formula: string;
}

/** A rule to add: the cells it covers (one column from the first data row down) and its formula and fill. */
export interface RuleSpec {
  /** Local A1 address of the range, e.g. `L3:L1200`. */
  address: string;
  formula: string;
  color: string;
}

/** Queue the load of the sheet's conditional formats (rides on the first sync); read it with `ourRules`. */
export function loadRules(sheet: Excel.Worksheet): Excel.ConditionalFormatCollection {
  const rules = sheet.getRange().conditionalFormats;
  rules.load('items/id,items/type,items/customOrNullObject/rule/formula');
  return rules;
}

/** The custom rules the product wrote, after the sync. */
export function ourRules(rules: Excel.ConditionalFormatCollection): ExistingRule[] {
  const out: ExistingRule[] = [];
  for (const cf of rules.items) {
    const custom = cf.customOrNullObject;
    if (custom.isNullObject) continue;
    const formula = custom.rule.formula;
    if (isOurRule(formula)) out.push({ id: cf.id, formula });
  }
  return out;
}

/** Queue adding one rule. */
export function addRule(sheet: Excel.Worksheet, rule: RuleSpec): void {
  // The enum's string value: src/excel never reads the Excel global (host.ts is the one door).
  const cf = sheet.getRange(rule.address).conditionalFormats.add('Custom' as Excel.ConditionalFormatType);
  cf.custom.rule.formula = rule.formula;
  cf.custom.format.fill.color = rule.color;
}

/** Queue deleting one of our rules. */
export function deleteRule(sheet: Excel.Worksheet, id: string): void {
  sheet.getRange().conditionalFormats.getItem(id).delete();
}
