import { LightningElement, api } from 'lwc';
import { reduceErrors } from 'c/ldsUtils';
import GENERIC from '@salesforce/label/c.Stance_Error_Generic';
import SHOW_DETAILS from '@salesforce/label/c.Stance_Error_Show_Details';
import HIDE_DETAILS from '@salesforce/label/c.Stance_Error_Hide_Details';
import ERROR_ICON from '@salesforce/label/c.Stance_Error_Icon';

/** Shows what went wrong, in plain words first, with the details one click away. */
export default class ErrorPanel extends LightningElement {
  /** What the user was trying to see or do, e.g. "We could not load the stance." (a label of the caller's) */
  @api friendlyMessage = GENERIC;
  @api errors;
  labels = { error: ERROR_ICON };
  showDetails = false;

  get messages() {
    return reduceErrors(this.errors);
  }

  get hasDetails() {
    return this.messages.length > 0;
  }

  get toggleLabel() {
    return this.showDetails ? HIDE_DETAILS : SHOW_DETAILS;
  }

  handleToggle() {
    this.showDetails = !this.showDetails;
  }
}
