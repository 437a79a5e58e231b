import { LightningElement, api } from 'lwc';
import { registerRefreshContainer, unregisterRefreshContainer } from 'lightning/refresh';

/**
 * An Account record page laid out by the project's flexipage: the header region above the main
 * and sidebar columns, each with the flexipage's components in the flexipage's order. Like
 * Lightning's record page it is a refresh container: a RefreshEvent from any component on it
 * refreshes every refresh handler on the page (highlights, details, related lists ...).
 */
export default class RecordPage extends LightningElement {
  @api objectApiName;
  @api recordId;

  connectedCallback() {
    this.refreshContainerId = registerRefreshContainer(this, this.refreshContainer);
  }

  disconnectedCallback() {
    unregisterRefreshContainer(this.refreshContainerId);
  }

  refreshContainer(refreshPromise) {
    return refreshPromise;
  }
}
