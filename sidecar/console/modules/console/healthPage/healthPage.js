import { LightningElement } from 'lwc';
import { WORDS, format } from 'console/words';
import { getHealth } from 'console/api';

/**
 * What /status knows, for admins: state and stream, why the sidecar is not ready, rules in force
 * or refused and why, failed writes per account with the org's error, API allowance, counters.
 */
export default class HealthPage extends LightningElement {
  words = WORDS;
  status;
  error;
  loading = true;

  connectedCallback() {
    this.load();
  }

  async load() {
    this.loading = true;
    this.error = undefined;
    try {
      this.status = await getHealth();
    } catch (error) {
      this.error = error;
    } finally {
      this.loading = false;
    }
  }

  get facts() {
    const status = this.status || {};
    const api = status.apiRequests;
    const rules = status.rules || {};
    const inForce = Array.isArray(rules.inForce) ? rules.inForce.length : rules.inForce;
    return [
      [WORDS.state, status.state],
      [
        WORDS.streaming,
        status.streaming
          ? WORDS.streamingOn
          : `${WORDS.streamingOff}${status.streamProblem ? `: ${status.streamProblem}` : ''}`,
      ],
      [WORDS.rulesInForce, inForce],
      [WORDS.accounts, status.accounts],
      [WORDS.pending, status.pending],
      [WORDS.outbox, status.outbox],
      [WORDS.apiRequests, api ? format(WORDS.apiUsed, api.used, api.limit) : WORDS.none],
    ].map(([label, value]) => ({
      key: label,
      label,
      value: value === undefined || value === null ? WORDS.none : String(value),
    }));
  }

  get notReady() {
    return ((this.status && this.status.notReady) || []).map((reason, index) => ({
      key: `n${index}`,
      text: reason.detail ? `${reason.reason}: ${reason.detail}` : reason.reason,
    }));
  }

  get ready() {
    return this.notReady.length === 0;
  }

  get refused() {
    return this.status && this.status.rules && this.status.rules.refused;
  }

  get refusedAt() {
    return this.refused ? format(WORDS.rulesRefusedAt, this.refused.at) : '';
  }

  get refusedProblems() {
    const problems = (this.refused && this.refused.problems) || [];
    return Array.isArray(problems) ? problems.map((text, index) => ({ key: `r${index}`, text: String(text) })) : [];
  }

  get failedWrites() {
    return ((this.status && this.status.failedWrites) || []).map((failure) => ({ key: failure.accountId, ...failure }));
  }

  get hasFailedWrites() {
    return this.failedWrites.length > 0;
  }

  get counters() {
    const counters = (this.status && this.status.counters) || {};
    return Object.keys(counters).map((name) => ({ key: name, name, value: String(counters[name]) }));
  }
}
