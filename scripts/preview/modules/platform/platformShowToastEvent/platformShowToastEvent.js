/** lightning/platformShowToastEvent: the event a component dispatches; the page shell shows it. */
export const SHOW_TOAST_EVENT = 'lightning__showtoast';

export class ShowToastEvent extends CustomEvent {
  constructor(toast) {
    super(SHOW_TOAST_EVENT, { bubbles: true, composed: true, cancelable: true, detail: toast });
  }
}
