import { LightningElement, api } from 'lwc';
import { WORDS, format, plural } from 'console/words';
import { isActive, orderedRules } from 'console/draft';

/** The strategy and the rules in force, in order, each with how many accounts it decides now; the triggers. */
export default class RulesPage extends LightningElement {
  @api ruleSet;
  words = WORDS;

  get records() {
    return (this.ruleSet && this.ruleSet.records) || { strategies: [], rules: [], triggers: [] };
  }

  get fingerprintText() {
    const fingerprint = this.ruleSet && this.ruleSet.fingerprint;
    return fingerprint ? format(WORDS.fingerprint, String(fingerprint).slice(0, 12)) : '';
  }

  get strategies() {
    return (this.records.strategies || []).map((strategy) => ({
      key: strategy.DeveloperName,
      name: strategy.MasterLabel || strategy.DeveloperName,
      fields: [
        [WORDS.markets, listText(strategy.Target_Industries__c)],
        [WORDS.countries, listText(strategy.Target_Countries__c)],
        [WORDS.customerTypes, listText(strategy.Customer_Types__c)],
        [WORDS.largeAccountRevenue, strategy.Large_Account_Revenue__c],
        [WORDS.lookbackDays, strategy.Lookback_Days__c],
        [WORDS.keyTitlePattern, strategy.Key_Title_Pattern__c],
        [WORDS.atRiskThreatWeight, strategy.At_Risk_Threat_Weight__c],
        [WORDS.strategicBonus, strategy.Strategic_Bonus__c],
      ].map(([label, value]) => ({
        label,
        value: value === undefined || value === null || value === '' ? WORDS.none : String(value),
      })),
    }));
  }

  get hasStrategies() {
    return this.strategies.length > 0;
  }

  get rules() {
    const decides = (this.ruleSet && this.ruleSet.decides) || {};
    return orderedRules(this.records).map((rule) => ({
      key: rule.DeveloperName,
      order: rule.Order__c,
      label: rule.MasterLabel || rule.DeveloperName,
      name: rule.DeveloperName,
      stance: rule.Stance__c,
      condition: rule.Condition__c,
      reason: rule.Reason__c,
      retired: !isActive(rule),
      decides: isActive(rule) ? plural('decidesCount', decides[rule.DeveloperName] || 0) : WORDS.retired,
    }));
  }

  get hasRules() {
    return this.rules.length > 0;
  }

  get triggers() {
    return [...(this.records.triggers || [])]
      .sort((a, b) => String(a.DeveloperName).localeCompare(b.DeveloperName))
      .map((trigger) => ({
        key: trigger.DeveloperName,
        name: trigger.DeveloperName,
        code: trigger.Code__c,
        stance: trigger.Stance__c,
        kind: trigger.Kind__c,
        weight: trigger.Weight__c,
      }));
  }

  get hasTriggers() {
    return this.triggers.length > 0;
  }
}

function listText(value) {
  return String(value ?? '')
    .split(/[;\r\n]+/)
    .map((item) => item.trim())
    .filter(Boolean)
    .join(', ');
}
