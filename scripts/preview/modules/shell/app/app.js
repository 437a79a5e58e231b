import { LightningElement } from 'lwc';
import { HOME_URL, parseRoute, listUrl } from 'shell/route';
import { currentUser, users, switchUserUrl } from 'shell/session';
import { word } from 'shell/words';

/** The page: a Lightning-like global header with tabs and the user switcher, then the routed page. */
export default class App extends LightningElement {
  route = parseRoute(window.location.pathname, window.location.search);
  words = {
    appName: word('appName'),
    tabs: word('tabs'),
    home: word('home'),
    accounts: word('accounts'),
    signals: word('signals'),
    signedInAs: word('signedInAs'),
  };

  get isRecordPage() {
    return this.route.page === 'record';
  }

  get isHomePage() {
    return this.route.page === 'home';
  }

  get homeUrl() {
    return HOME_URL;
  }

  get homeTabClass() {
    return `slds-context-bar__item${this.isHomePage ? ' slds-is-active' : ''}`;
  }

  get accountsUrl() {
    return listUrl('Account', 'Stance_At_Risk');
  }

  get signalsUrl() {
    return listUrl('Stance_Signal__c', 'Unacknowledged_On_My_Accounts');
  }

  get accountsTabClass() {
    const active = this.route.objectApiName === 'Account';
    return `slds-context-bar__item${active ? ' slds-is-active' : ''}`;
  }

  get signalsTabClass() {
    const active = this.route.objectApiName === 'Stance_Signal__c';
    return `slds-context-bar__item${active ? ' slds-is-active' : ''}`;
  }

  get userOptions() {
    return users.map((user) => ({
      key: user.key,
      label: `${user.name} · ${user.department || word('noDepartment')}`,
      selected: user.key === currentUser.key,
    }));
  }

  handleUserChange(event) {
    window.location.assign(switchUserUrl(event.target.value));
  }
}
