import { LightningElement, api } from 'lwc';
import { WORDS, format } from 'console/words';

/**
 * Shows what failed, in the way of lwc-recipes' error panel: a friendly title, then the
 * messages the API gave (an ApiError's body, problems, or an Error's message).
 */
export default class ErrorPanel extends LightningElement {
  @api errors;
  @api friendlyMessage = WORDS.errorTitle;
  @api retryable = false;
  words = WORDS;

  get messages() {
    const list = Array.isArray(this.errors) ? this.errors : [this.errors];
    return list
      .filter((error) => error !== undefined && error !== null)
      .flatMap((error) => messagesOf(error))
      .map((text, index) => ({ key: `m${index}`, text }));
  }

  handleRetry() {
    this.dispatchEvent(new CustomEvent('retry'));
  }
}

function messagesOf(error) {
  if (typeof error === 'string') return [error];
  const body = error.body;
  if (body && Array.isArray(body.problems) && body.problems.length > 0) {
    return body.problems.map((problem) => `${problem.source} ${problem.field || ''}: ${problem.message}`.trim());
  }
  if (body && typeof body.error === 'string') {
    return [error.status ? `${format(WORDS.errorStatus, error.status)} ${body.error}` : body.error];
  }
  if (typeof error.message === 'string') return [error.message];
  return [String(error)];
}
