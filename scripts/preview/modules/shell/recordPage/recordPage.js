import { LightningElement, api } from 'lwc';

/**
 * An Account record page laid out by the project's flexipage: the header region above the main
 * and sidebar columns, each with the flexipage's components in the flexipage's order.
 */
export default class RecordPage extends LightningElement {
  @api objectApiName;
  @api recordId;
}
