import { LightningElement, api } from 'lwc';
import { WORDS } from 'console/words';
import { activateDraft, checkDraft } from 'console/api';
import { changeCount, diffRecords } from 'console/draft';

/**
 * Activation: says what will change, asks why, and writes the draft as the signed-in admin. The
 * draft is checked again when the panel opens; while it has problems (or changes nothing, or no
 * reason is given) Activate stays disabled. A 409 means Setup changed the rules meanwhile: the
 * panel says so and offers to reload them.
 */
export default class ActivatePanel extends LightningElement {
  @api ruleSet;
  @api draft;
  @api problems = [];
  words = WORDS;
  checking = true;
  checkProblems = [];
  checkError;
  running = false;
  conflict = false;
  error;
  done = false;

  connectedCallback() {
    this.recheck();
  }

  async recheck() {
    this.checking = true;
    try {
      const answer = await checkDraft(this.draft);
      this.checkProblems = answer.problems || [];
      this.checkError = undefined;
    } catch (error) {
      this.checkError = error;
    } finally {
      this.checking = false;
    }
  }

  get diff() {
    return diffRecords(this.ruleSet && this.ruleSet.records, this.draft);
  }

  get unchanged() {
    return changeCount(this.diff) === 0;
  }

  /** The fresh check's problems once it answered; until then (or if it failed) what Edit last saw. */
  get allProblems() {
    return this.checking || this.checkError ? this.problems || [] : this.checkProblems || [];
  }

  get hasProblems() {
    return this.allProblems.length > 0;
  }

  get problemsError() {
    return { body: { problems: this.allProblems } };
  }

  /** What holds Activate back besides a missing reason (the reason form adds that one). */
  get blocked() {
    return this.checking || this.done || !!this.checkError || this.hasProblems || this.unchanged;
  }

  async handleActivate(event) {
    this.running = true;
    this.error = undefined;
    this.conflict = false;
    try {
      await activateDraft(this.draft, this.ruleSet.fingerprint, event.detail.reason);
      this.done = true;
      this.dispatchEvent(new CustomEvent('reload'));
    } catch (error) {
      if (error.status === 409) this.conflict = true;
      else if (error.status === 422 && error.body && Array.isArray(error.body.problems)) {
        this.checkProblems = error.body.problems;
      } else this.error = error;
    } finally {
      this.running = false;
    }
  }

  handleReload() {
    this.conflict = false;
    this.dispatchEvent(new CustomEvent('reload'));
  }
}
