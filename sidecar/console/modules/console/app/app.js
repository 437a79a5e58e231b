import { LightningElement } from 'lwc';
import { WORDS, format } from 'console/words';
import { getRules, getSession, signOut } from 'console/api';
import { copyRecords } from 'console/draft';

const PAGES = ['rules', 'edit', 'simulate', 'activate', 'history', 'health'];

/**
 * The console's shell: who is signed in, the left navigation, and the one draft the pages share
 * (Edit changes it, Simulate and Activate send it). The rule set in force is read once at sign-in
 * and again after an activation, a rollback or a conflict.
 */
export default class App extends LightningElement {
  words = WORDS;
  session;
  sessionError;
  loadingSession = true;
  currentPage = 'rules';

  ruleSet;
  rulesError;
  loadingRules = false;
  draft;
  problems = [];

  connectedCallback() {
    const fromHash = ((globalThis.location && globalThis.location.hash) || '').replace('#', '');
    if (PAGES.includes(fromHash)) this.currentPage = fromHash;
    this.loadSession();
  }

  async loadSession() {
    this.loadingSession = true;
    this.sessionError = undefined;
    try {
      this.session = await getSession();
      if (this.session.signedIn) await this.loadRules();
    } catch (error) {
      this.sessionError = error;
    } finally {
      this.loadingSession = false;
    }
  }

  async loadRules() {
    this.loadingRules = true;
    this.rulesError = undefined;
    try {
      this.ruleSet = await getRules();
      this.draft = copyRecords(this.ruleSet.records);
      this.problems = [];
    } catch (error) {
      this.rulesError = error;
    } finally {
      this.loadingRules = false;
    }
  }

  get signedIn() {
    return !!(this.session && this.session.signedIn);
  }

  get refused() {
    const search = (globalThis.location && globalThis.location.search) || '';
    return new URLSearchParams(search).get('refused') === '1';
  }

  /** Who was refused: the sidecar says so in the session answer (`refusedAs`) after a refused sign-in. */
  get refusedName() {
    const session = this.session || {};
    return typeof session.refusedAs === 'string' && session.refusedAs !== '' ? session.refusedAs : undefined;
  }

  get signedInAs() {
    return this.signedIn ? format(WORDS.signedInAs, this.session.user.name) : '';
  }

  get navItems() {
    return PAGES.map((name) => ({ name, label: WORDS[`page${name[0].toUpperCase()}${name.slice(1)}`] }));
  }

  get isRules() {
    return this.currentPage === 'rules';
  }
  get isEdit() {
    return this.currentPage === 'edit';
  }
  get isSimulate() {
    return this.currentPage === 'simulate';
  }
  get isActivate() {
    return this.currentPage === 'activate';
  }
  get isHistory() {
    return this.currentPage === 'history';
  }
  get isHealth() {
    return this.currentPage === 'health';
  }

  /** Pages that need the rule set wait for it; History and Health read their own. */
  get needsRules() {
    return this.isRules || this.isEdit || this.isSimulate || this.isActivate;
  }
  get rulesReady() {
    // A reload keeps the pages mounted (an activation's confirmation stays on screen) and swaps the set under them.
    return !!this.ruleSet;
  }

  handleSelect(event) {
    const name = event.detail.name;
    if (!PAGES.includes(name)) return;
    this.currentPage = name;
    if (globalThis.history && globalThis.history.replaceState) globalThis.history.replaceState(null, '', `#${name}`);
  }

  handleDraftChange(event) {
    this.draft = event.detail.records;
  }

  handleProblems(event) {
    this.problems = event.detail.problems;
  }

  handleDiscard() {
    this.draft = copyRecords(this.ruleSet.records);
    this.problems = [];
  }

  /** After an activation or a rollback, or when Setup changed the rules: read what is in force now. */
  async handleReload() {
    await this.loadRules();
  }

  async handleSignOut() {
    try {
      await signOut();
    } catch (error) {
      this.sessionError = error;
      return;
    }
    this.session = { signedIn: false };
    this.ruleSet = undefined;
    this.draft = undefined;
  }
}
