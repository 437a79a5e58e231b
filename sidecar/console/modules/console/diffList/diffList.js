import { LightningElement, api } from 'lwc';
import { WORDS, format } from 'console/words';

/** A change's diff (`{ added, removed, changed }`) as lines people read. */
export default class DiffList extends LightningElement {
  @api diff;
  words = WORDS;

  get lines() {
    const diff = this.diff || {};
    const lines = [
      ...(diff.added || []).map((name) => format(WORDS.added, name)),
      ...(diff.removed || []).map((name) => format(WORDS.removed, name)),
      ...(diff.changed || []).map((change) =>
        format(WORDS.changedField, change.record, change.field, shown(change.before), shown(change.after)),
      ),
    ];
    return lines.map((text, index) => ({ key: `d${index}`, text }));
  }

  get empty() {
    return this.lines.length === 0;
  }
}

function shown(value) {
  if (value === undefined || value === null || value === '') return WORDS.none;
  return String(value);
}
