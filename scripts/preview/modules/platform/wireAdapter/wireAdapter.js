/**
 * The skeleton every preview wire adapter shares: LWC calls update(config) whenever the
 * component's reactive config changes and connect()/disconnect() as it enters and leaves the
 * page. The adapter loads once per change, ignores answers to superseded configs, and can be
 * asked to load again (refresh) when the data it shows changed in the org, directly or through
 * the value it handed the component (refreshWire, as refreshApex takes a wired value).
 */
const owners = new WeakMap();

/** Loads again the wire that handed the component `value` (what it got in its wire function). */
export function refreshWire(value) {
  const adapter = value && typeof value === 'object' ? owners.get(value) : undefined;
  if (!adapter) return Promise.reject(new Error('refreshWire: that value did not come from a preview wire adapter'));
  return adapter.refresh();
}

export class LoadingWireAdapter {
  constructor(dataCallback) {
    this.dataCallback = dataCallback;
    this.config = undefined;
    this.connected = false;
    this.generation = 0;
    this.scheduled = false;
  }

  connect() {
    this.connected = true;
    this.onConnect();
    this.schedule();
  }

  disconnect() {
    this.connected = false;
    this.generation += 1;
    this.onDisconnect();
  }

  update(config) {
    this.config = config;
    this.schedule();
  }

  /** Loads again with the current config (after the org changed). */
  refresh() {
    return this.load();
  }

  schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    // Config and connect arrive in the same turn: load once, after both.
    Promise.resolve().then(() => {
      this.scheduled = false;
      this.load();
    });
  }

  async load() {
    // A new generation even when there is nothing to load: an answer for an older config
    // (say, before recordId was cleared) must not arrive after it.
    const generation = ++this.generation;
    if (!this.connected || !this.config || !this.ready(this.config)) return;
    try {
      const data = await this.fetch(this.config);
      if (generation === this.generation) this.emit({ data, error: undefined });
    } catch (error) {
      if (generation === this.generation) this.emit({ data: undefined, error });
    }
  }

  /** Hands the outcome of the current config's load to the component (an adapter may reshape it). */
  emit(outcome) {
    owners.set(outcome, this);
    this.dataCallback(outcome);
  }

  /** Whether the config has every value it needs (reactive values start undefined). */
  ready() {
    return true;
  }

  onConnect() {}

  onDisconnect() {}
}
