import { LightningElement } from 'lwc';
import { SHOW_TOAST_EVENT } from 'lightning/platformShowToastEvent';
import { word } from 'shell/words';

const DISMISS_AFTER_MS = 5000;
const ICONS = { success: 'utility:success', error: 'utility:error', warning: 'utility:warning', info: 'utility:info' };

/** Shows the toasts components ask for (ShowToastEvent), as Lightning does at the top of the page. */
export default class Toasts extends LightningElement {
  toasts = [];
  closeLabel = word('close');
  nextKey = 1;
  listener = (event) => this.show(event.detail || {});

  connectedCallback() {
    document.addEventListener(SHOW_TOAST_EVENT, this.listener);
  }

  disconnectedCallback() {
    document.removeEventListener(SHOW_TOAST_EVENT, this.listener);
  }

  show({ title = '', message = '', variant = 'info', mode = 'dismissible' }) {
    const key = this.nextKey++;
    const kind = ICONS[variant] ? variant : 'info';
    this.toasts = [
      ...this.toasts,
      {
        key,
        title,
        message,
        variant: kind,
        variantLabel: word(kind),
        icon: ICONS[kind],
        role: kind === 'error' ? 'alert' : 'status',
        className: `slds-notify slds-notify_toast slds-theme_${kind}`,
      },
    ];
    if (mode !== 'sticky') {
      // eslint-disable-next-line @lwc/lwc/no-async-operation
      setTimeout(() => this.dismiss(key), DISMISS_AFTER_MS);
    }
  }

  dismiss(key) {
    this.toasts = this.toasts.filter((toast) => toast.key !== key);
  }

  handleClose(event) {
    this.dismiss(Number(event.currentTarget.dataset.key));
  }
}
