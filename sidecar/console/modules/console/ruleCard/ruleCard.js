import { LightningElement, api } from 'lwc';
import { WORDS, format } from 'console/words';
import { STANCES, isActive, problemsOf } from 'console/draft';

/** One rule of the draft as a card: its order, stance, condition (checked), reason and priority; move, retire, restore. */
export default class RuleCard extends LightningElement {
  @api rule;
  @api position;
  @api first = false;
  @api last = false;
  @api facts = [];
  @api problems = [];
  @api decides;
  words = WORDS;

  get name() {
    return this.rule.DeveloperName;
  }

  get source() {
    return `Stance_Rule.${this.rule.DeveloperName}`;
  }

  get title() {
    return format(WORDS.ruleCardTitle, this.position, this.rule.MasterLabel || this.rule.DeveloperName);
  }

  get retired() {
    return !isActive(this.rule);
  }

  get cardClass() {
    return `slds-box slds-m-bottom_small${this.retired ? ' slds-theme_shade' : ''}`;
  }

  get stanceOptions() {
    return STANCES.map((stance) => ({ label: stance, value: stance }));
  }

  get conditionProblems() {
    return problemsOf(this.problems, this.source, 'Condition__c');
  }

  /** Problems the condition field does not show: other fields, or the record as a whole. */
  get otherProblems() {
    return problemsOf(this.problems, this.source)
      .filter((problem) => problem.field !== 'Condition__c')
      .map((problem, index) => ({ key: `o${index}`, text: `${problem.field || ''} ${problem.message}`.trim() }));
  }

  get moveUpLabel() {
    return format(WORDS.moveUp, this.rule.MasterLabel || this.rule.DeveloperName);
  }

  get moveDownLabel() {
    return format(WORDS.moveDown, this.rule.MasterLabel || this.rule.DeveloperName);
  }

  fire(field, value) {
    this.dispatchEvent(new CustomEvent('fieldchange', { detail: { name: this.name, field, value } }));
  }

  handleField(event) {
    const field = event.target.dataset.field;
    const raw = event.detail && event.detail.value !== undefined ? event.detail.value : event.target.value;
    this.fire(field, field === 'Base_Priority__c' && raw !== '' && !isNaN(Number(raw)) ? Number(raw) : raw);
  }

  handleCondition(event) {
    this.fire('Condition__c', event.detail.value);
  }

  handleUp() {
    this.dispatchEvent(new CustomEvent('move', { detail: { name: this.name, direction: -1 } }));
  }

  handleDown() {
    this.dispatchEvent(new CustomEvent('move', { detail: { name: this.name, direction: 1 } }));
  }

  handleRetire() {
    this.fire('Active__c', this.retired);
  }
}
