/** lightning/actions: the event a screen quick action closes with; the page shell closes its modal. */
export class CloseActionScreenEvent extends CustomEvent {
  constructor() {
    super('close', { bubbles: true, composed: true });
  }
}
