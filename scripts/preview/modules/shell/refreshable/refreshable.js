/**
 * A shell section that loads its wire again on a RefreshEvent, as Lightning's standard components
 * do: while connected it is registered with the nearest refresh container. The section keeps the
 * wire result it refreshes in `this.wired`.
 */
import { registerRefreshHandler, unregisterRefreshHandler } from 'lightning/refresh';
import { refreshWire } from 'platform/wireAdapter';

export const RefreshesWire = (Base) =>
  class extends Base {
    connectedCallback() {
      this.refreshId = registerRefreshHandler(this, this.refreshHandler);
    }

    disconnectedCallback() {
      unregisterRefreshHandler(this.refreshId);
    }

    refreshHandler() {
      return this.wired ? refreshWire(this.wired).then(() => true) : Promise.resolve(true);
    }
  };
