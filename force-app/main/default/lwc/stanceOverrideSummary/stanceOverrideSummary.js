import { LightningElement, api } from 'lwc';
import SUMMARY from '@salesforce/label/c.Stance_Override_Summary';
import SUMMARY_UNTIL from '@salesforce/label/c.Stance_Override_Summary_Until';
import SUMMARY_REASON from '@salesforce/label/c.Stance_Override_Summary_Reason';
import { formatDate, formatLabel } from 'c/stanceI18n';

/**
 * The sentence as parts, the stance ({0}) marked to be shown strong: the label decides where
 * each word goes (a translation may put the stance elsewhere), the values are never re-read as
 * placeholders (a reason that contains "{1}" stays as typed).
 */
export function sentenceParts(template, values) {
  return String(template)
    .split(/(\{\d+\})/)
    .map((piece, index) => {
      const placeholder = /^\{(\d+)\}$/.exec(piece);
      const value = placeholder ? values[Number(placeholder[1])] : piece;
      return {
        key: `part-${index}`,
        text: value === undefined || value === null ? '' : String(value),
        strong: !!placeholder && placeholder[1] === '0',
      };
    })
    .filter((part) => part.text !== '');
}

/** "Set by hand to Fire until Dec 31, 2027: "reason"": how the panel and the override card show an override. */
export default class StanceOverrideSummary extends LightningElement {
  /** The stance set by hand, as people read it (e.g. "Fire", "Beenden"). */
  @api label;
  /** Its last day (an ISO date), or nothing when it lasts until cleared. */
  @api until;
  /** Why the manager set it, as typed. */
  @api reason;

  get parts() {
    const sentence = this.until ? SUMMARY_UNTIL : SUMMARY;
    // The reason label wraps the sentence; its own {0} and {1} become the sentence and {2}.
    const template = this.reason ? formatLabel(SUMMARY_REASON, sentence, '{2}') : sentence;
    return sentenceParts(template, [this.label, this.until ? formatDate(this.until) : '', this.reason]);
  }
}
