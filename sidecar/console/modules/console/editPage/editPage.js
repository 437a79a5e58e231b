import { LightningElement, api } from 'lwc';
import { WORDS, format, plural } from 'console/words';
import { checkDraft } from 'console/api';
import {
  addRule,
  changeCount,
  developerNameProblem,
  diffRecords,
  moveRule,
  orderedRules,
  updateField,
} from 'console/draft';

/** How long typing may pause before the draft is checked. */
export const CHECK_DELAY_MS = 400;

/**
 * The draft of the whole set: strategy, rules (add, reorder, edit, retire) and trigger weights.
 * Every change goes up as `draftchange` and, once typing pauses, the draft is checked with the
 * engine's compiler (POST check); its problems go up as `problems` and show under their fields.
 */
export default class EditPage extends LightningElement {
  @api ruleSet;
  @api draft;
  @api problems = [];
  words = WORDS;
  checking = false;
  checkError;
  checkedOnce = false;
  timer;
  sequence = 0;
  newRuleName = '';
  newRuleNameError = '';

  disconnectedCallback() {
    clearTimeout(this.timer);
  }

  get facts() {
    return (this.ruleSet && this.ruleSet.facts) || [];
  }

  get changes() {
    return changeCount(diffRecords(this.ruleSet && this.ruleSet.records, this.draft));
  }

  get draftStatus() {
    return this.changes === 0 ? WORDS.draftUnchanged : plural('draftChanged', this.changes);
  }

  get unchanged() {
    return this.changes === 0;
  }

  get checkStatus() {
    if (this.checking) return WORDS.checking;
    if (this.checkError) return format(WORDS.checkFailed, this.checkError.message);
    if (this.problems && this.problems.length > 0) return plural('draftProblems', this.problems.length);
    return this.checkedOnce ? WORDS.draftOk : '';
  }

  get checkStatusClass() {
    if (this.checking) return 'slds-text-body_regular slds-text-color_weak';
    const bad = this.checkError || (this.problems && this.problems.length > 0);
    return `slds-text-body_regular ${bad ? 'slds-text-color_error' : 'slds-text-color_success'}`;
  }

  get strategies() {
    return (this.draft && this.draft.strategies) || [];
  }

  get rules() {
    const ordered = orderedRules(this.draft);
    const decides = (this.ruleSet && this.ruleSet.decides) || {};
    return ordered.map((rule, index) => ({
      key: rule.DeveloperName,
      rule,
      position: index + 1,
      first: index === 0,
      last: index === ordered.length - 1,
      decides: decides[rule.DeveloperName],
    }));
  }

  get triggers() {
    return [...((this.draft && this.draft.triggers) || [])]
      .sort((a, b) => String(a.DeveloperName).localeCompare(b.DeveloperName))
      .map((trigger) => ({ key: trigger.DeveloperName, name: trigger.DeveloperName, weight: trigger.Weight__c }));
  }

  get hasTriggers() {
    return this.triggers.length > 0;
  }

  change(records) {
    this.dispatchEvent(new CustomEvent('draftchange', { detail: { records } }));
    this.scheduleCheck(records);
  }

  /** Checks the draft once typing pauses; only the answer for the latest draft counts. */
  scheduleCheck(records) {
    clearTimeout(this.timer);
    const sequence = ++this.sequence;
    this.checking = true;
    // eslint-disable-next-line @lwc/lwc/no-async-operation
    this.timer = setTimeout(() => this.check(records, sequence), CHECK_DELAY_MS);
  }

  async check(records, sequence) {
    try {
      const answer = await checkDraft(records);
      if (sequence !== this.sequence) return;
      this.checkError = undefined;
      this.checkedOnce = true;
      this.dispatchEvent(new CustomEvent('problems', { detail: { problems: answer.problems || [] } }));
    } catch (error) {
      if (sequence !== this.sequence) return;
      this.checkError = error;
    } finally {
      if (sequence === this.sequence) this.checking = false;
    }
  }

  handleRuleField(event) {
    const { name, field, value } = event.detail;
    this.change(updateField(this.draft, 'rules', name, field, value));
  }

  handleMove(event) {
    this.change(moveRule(this.draft, event.detail.name, event.detail.direction));
  }

  handleStrategyField(event) {
    const { name, field, value } = event.detail;
    this.change(updateField(this.draft, 'strategies', name, field, value));
  }

  handleWeight(event) {
    const name = event.target.dataset.name;
    const raw = event.detail && event.detail.value !== undefined ? event.detail.value : event.target.value;
    this.change(
      updateField(this.draft, 'triggers', name, 'Weight__c', raw !== '' && !isNaN(Number(raw)) ? Number(raw) : raw),
    );
  }

  handleNewRuleName(event) {
    this.newRuleName = String((event.detail && event.detail.value) ?? event.target.value ?? '').trim();
    this.newRuleNameError = '';
  }

  handleAdd() {
    const name = this.newRuleName;
    const problem = name ? developerNameProblem(this.draft, name) : null;
    if (problem) {
      this.newRuleNameError = problem === 'taken' ? format(WORDS.newRuleNameTaken, name) : WORDS.newRuleNameInvalid;
      return;
    }
    this.newRuleName = '';
    this.change(addRule(this.draft, WORDS.newRuleLabel, name || undefined));
  }

  handleDiscard() {
    clearTimeout(this.timer);
    this.sequence++;
    this.checking = false;
    this.checkedOnce = false;
    this.checkError = undefined;
    this.dispatchEvent(new CustomEvent('discard'));
  }
}
