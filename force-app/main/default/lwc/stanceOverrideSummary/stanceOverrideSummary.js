import { LightningElement, api } from 'lwc';

/** "Set by hand to Fire until Dec 31, 2027: "reason"": how the panel and the override card show an override. */
export default class StanceOverrideSummary extends LightningElement {
  /** The stance set by hand, as people read it (e.g. "Fire"). */
  @api label;
  /** Its last day (an ISO date), or nothing when it lasts until cleared. */
  @api until;
  /** Why the manager set it. */
  @api reason;

  // The words between the stance and its end date: LWC templates drop whitespace at line
  // breaks, so the spaces live in an expression rather than in the markup.
  untilLead = ' until ';
}
