import { LightningElement, api } from 'lwc';
import { WORDS, format } from 'console/words';
import { simulateDraft } from 'console/api';
import { STANCES } from 'console/draft';

/**
 * The draft over every account in the mirror: the from→to stance matrix (click a count for the
 * accounts that move, with the reason before and after), at-risk before and after, hits per rule.
 */
export default class SimulatePage extends LightningElement {
  @api draft;
  @api problems = [];
  words = WORDS;
  result;
  error;
  refusedProblems;
  running = false;
  selectedCell;

  get blocked() {
    return this.running || (this.problems && this.problems.length > 0);
  }

  get hasDraftProblems() {
    return !!(this.problems && this.problems.length > 0);
  }

  async handleSimulate() {
    this.running = true;
    this.error = undefined;
    this.refusedProblems = undefined;
    this.selectedCell = undefined;
    try {
      this.result = await simulateDraft(this.draft);
    } catch (error) {
      this.result = undefined;
      if (error.status === 422 && error.body && Array.isArray(error.body.problems)) this.refusedProblems = error;
      else this.error = error;
    } finally {
      this.running = false;
    }
  }

  get summary() {
    return this.result ? format(WORDS.simulated, this.result.accounts, this.result.changed) : '';
  }

  get columns() {
    return STANCES.map((stance) => ({ key: stance, label: stance }));
  }

  /** One row per stance now: a cell per stance with the draft, the moving ones clickable. */
  get rows() {
    const matrix = (this.result && this.result.matrix) || {};
    return STANCES.map((from) => ({
      key: from,
      label: from,
      cells: STANCES.map((to) => {
        const count = (matrix[from] && matrix[from][to]) || 0;
        const selected = !!this.selectedCell && this.selectedCell.from === from && this.selectedCell.to === to;
        return {
          key: `${from}-${to}`,
          from,
          to,
          count,
          moves: count > 0 && from !== to,
          label: format(WORDS.cellLabel, count, from, to),
          className: `slds-text-align_right${from === to ? ' slds-theme_shade' : ''}${selected ? ' console-selected' : ''}`,
          pressed: selected ? 'true' : 'false',
        };
      }),
    }));
  }

  handleCell(event) {
    const { from, to } = event.currentTarget.dataset;
    this.selectedCell = { from, to };
  }

  get selectedTitle() {
    return this.selectedCell ? format(WORDS.samplesTitle, this.selectedCell.from, this.selectedCell.to) : '';
  }

  get samples() {
    if (!this.selectedCell || !this.result) return [];
    const transition = (this.result.transitions || []).find(
      (t) => t.from === this.selectedCell.from && t.to === this.selectedCell.to,
    );
    return ((transition && transition.samples) || []).map((sample) => ({ key: sample.id, ...sample }));
  }

  get hasSamples() {
    return this.samples.length > 0;
  }

  get atRiskText() {
    const atRisk = this.result && this.result.atRisk;
    return atRisk ? format(WORDS.atRiskText, atRisk.before, atRisk.after) : '';
  }

  get hits() {
    const hits = (this.result && this.result.hits) || {};
    return Object.keys(hits)
      .sort()
      .map((name) => ({ key: name, name, before: hits[name].before, after: hits[name].after }));
  }

  get hasHits() {
    return this.hits.length > 0;
  }
}
