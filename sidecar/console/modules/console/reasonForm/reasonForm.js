import { LightningElement, api } from 'lwc';
import { WORDS } from 'console/words';

/**
 * The reason a change to the rules is made with (kept in the history), and the button that makes
 * it. A blank reason keeps the button disabled and the field says a reason is required. The form
 * makes no call: it dispatches `submit` (detail.reason, trimmed) and, from the conflict block the
 * page shows after a 409, `reload`. The page says when it is busy, blocked or in conflict.
 */
export default class ReasonForm extends LightningElement {
  /** The field's label: what the reason is asked for. */
  @api label;
  /** The button's label, and the spinner's while busy. */
  @api submitLabel;
  @api busyLabel;
  /** The page's call is out: the button is disabled and a spinner shows. */
  @api busy = false;
  /** Something else holds the change back (the page says what). */
  @api blocked = false;
  /** The rules changed in Setup since the page read them (the call answered 409). */
  @api conflict = false;
  words = WORDS;
  reason = '';

  get disabled() {
    return this.busy || this.blocked || this.reason.trim() === '';
  }

  handleReason(event) {
    this.reason = (event.detail && event.detail.value !== undefined ? event.detail.value : event.target.value) || '';
  }

  handleSubmit() {
    if (this.disabled) return;
    this.dispatchEvent(new CustomEvent('submit', { detail: { reason: this.reason.trim() } }));
  }

  handleReload() {
    this.dispatchEvent(new CustomEvent('reload'));
  }
}
