import { LightningElement, api } from 'lwc';
import { reduceErrors } from 'c/ldsUtils';

/** Shows what went wrong, in plain words first, with the details one click away. */
export default class ErrorPanel extends LightningElement {
  /** What the user was trying to see or do, e.g. "We could not load the stance." */
  @api friendlyMessage = 'Something went wrong.';
  @api errors;
  showDetails = false;

  get messages() {
    return reduceErrors(this.errors);
  }

  get hasDetails() {
    return this.messages.length > 0;
  }

  get toggleLabel() {
    return this.showDetails ? 'Hide details' : 'Show details';
  }

  handleToggle() {
    this.showDetails = !this.showDetails;
  }
}
