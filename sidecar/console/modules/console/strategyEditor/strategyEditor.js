import { LightningElement, api } from 'lwc';
import { WORDS, format } from 'console/words';
import { problemsOf } from 'console/draft';

const NUMBERS = ['Large_Account_Revenue__c', 'Lookback_Days__c', 'At_Risk_Threat_Weight__c', 'Strategic_Bonus__c'];

/** One strategy of the draft: its markets and countries (one per line), thresholds and key-title pattern. */
export default class StrategyEditor extends LightningElement {
  @api strategy;
  @api problems = [];
  words = WORDS;

  get title() {
    return format(WORDS.strategyEdit, this.strategy.MasterLabel || this.strategy.DeveloperName);
  }

  /** Lists are kept one value per line or separated by semicolons: edited one per line. */
  get markets() {
    return lines(this.strategy.Target_Industries__c);
  }
  get countries() {
    return lines(this.strategy.Target_Countries__c);
  }

  get shownProblems() {
    return problemsOf(this.problems, `Stance_Strategy.${this.strategy.DeveloperName}`).map((problem, index) => ({
      key: `s${index}`,
      text: `${problem.field || ''} ${problem.message}${problem.hint ? ` (${problem.hint})` : ''}`.trim(),
    }));
  }

  handleField(event) {
    const field = event.target.dataset.field;
    const raw = event.detail && event.detail.value !== undefined ? event.detail.value : event.target.value;
    const value = NUMBERS.includes(field) && raw !== '' && !isNaN(Number(raw)) ? Number(raw) : raw;
    this.dispatchEvent(new CustomEvent('fieldchange', { detail: { name: this.strategy.DeveloperName, field, value } }));
  }
}

function lines(value) {
  return String(value ?? '')
    .split(/[;\r\n]+/)
    .map((item) => item.trim())
    .filter(Boolean)
    .join('\n');
}
