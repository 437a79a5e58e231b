import { LightningElement, api } from 'lwc';
import { WORDS, format } from 'console/words';
import { getHistory, rollBack } from 'console/api';

/**
 * Every activation and rollback kept in the org (Stance_Rule_Change__c): who, when, why and the
 * diff, newest first, each with "Roll back to this" (a reason is required, as for an activation).
 */
export default class HistoryPage extends LightningElement {
  @api ruleSet;
  words = WORDS;
  changes;
  error;
  loading = true;
  rollingBackId;
  running = false;
  conflict = false;
  actionError;
  done = false;

  connectedCallback() {
    this.load();
  }

  async load() {
    this.loading = true;
    this.error = undefined;
    try {
      const answer = await getHistory();
      this.changes = answer.changes || [];
    } catch (error) {
      this.error = error;
    } finally {
      this.loading = false;
    }
  }

  get empty() {
    return !!this.changes && this.changes.length === 0;
  }

  get items() {
    return (this.changes || []).map((change) => ({
      key: change.id,
      id: change.id,
      heading: format(WORDS.changeBy, change.name, personOf(change.createdBy), whenOf(change.createdAt)),
      kind: change.kind === 'Rollback' ? WORDS.kindRollback : WORDS.kindActivation,
      reason: change.reason,
      diff: diffOf(change.diff),
      open: change.id === this.rollingBackId,
      reasonLabel: format(WORDS.rollbackReason, change.name),
    }));
  }

  handleOpen(event) {
    this.rollingBackId = event.target.dataset.changeId;
    this.conflict = false;
    this.actionError = undefined;
    this.done = false;
  }

  async handleRollback(event) {
    this.running = true;
    this.conflict = false;
    this.actionError = undefined;
    try {
      await rollBack(this.rollingBackId, this.ruleSet && this.ruleSet.fingerprint, event.detail.reason);
      this.done = true;
      this.rollingBackId = undefined;
      this.dispatchEvent(new CustomEvent('reload'));
      await this.load();
    } catch (error) {
      if (error.status === 409) this.conflict = true;
      else this.actionError = error;
    } finally {
      this.running = false;
    }
  }

  handleReload() {
    this.conflict = false;
    this.dispatchEvent(new CustomEvent('reload'));
  }
}

function personOf(createdBy) {
  if (!createdBy) return WORDS.none;
  if (typeof createdBy === 'string') return createdBy;
  return createdBy.name || createdBy.Name || createdBy.username || createdBy.id || WORDS.none;
}

function whenOf(value) {
  const date = new Date(value);
  return isNaN(date.getTime()) ? String(value ?? '') : date.toLocaleString();
}

/** Diff__c is JSON text in the org; the API may pass it parsed or as it is. */
function diffOf(diff) {
  if (typeof diff !== 'string') return diff || {};
  try {
    return JSON.parse(diff);
  } catch {
    return {};
  }
}
