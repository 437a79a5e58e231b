import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { reduceErrors } from 'c/ldsUtils';
import RECOMPUTING_ACCOUNT from '@salesforce/label/c.Stance_Common_Recomputing_Account';

/** "Stance is recomputing the account." (a label, in the user's language) */
export const RECOMPUTING = RECOMPUTING_ACCOUNT;

/** A success toast; by default it says the stance is being recomputed. */
export function successToast(title, message = RECOMPUTING) {
  return new ShowToastEvent({ title, message, variant: 'success' });
}

/** A toast that stays until dismissed, with the org's own words for what went wrong. */
export function errorToast(title, error) {
  return new ShowToastEvent({ title, message: reduceErrors(error).join(' '), variant: 'error', mode: 'sticky' });
}
