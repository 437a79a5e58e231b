import { LightningElement, api } from 'lwc';
import { WORDS, format } from 'console/words';
import { caretAt, factsMatching, wordAt } from 'console/draft';

let nextId = 0;

/**
 * A rule's condition: a monospace text area, the compiler's problems under it (the offending line
 * with a caret at the reported column, the message and the hint), and the fact names that match
 * the word being typed, offered as buttons that complete it.
 */
export default class ConditionField extends LightningElement {
  @api label;
  @api value = '';
  @api facts = [];
  @api problems = [];
  words = WORDS;
  suggestions = [];
  typed = '';
  wordStart = 0;
  fieldId = `condition-${nextId++}`;

  /** The text area keeps what is typed; the value is put in only when it differs (a pick, a discard). */
  renderedCallback() {
    const area = this.template.querySelector('textarea');
    const text = String(this.value ?? '');
    if (area && area.value !== text) area.value = text;
  }

  get describedBy() {
    return this.hasProblems ? `${this.fieldId}-problems` : undefined;
  }

  get problemsId() {
    return `${this.fieldId}-problems`;
  }

  get hasProblems() {
    return this.shownProblems.length > 0;
  }

  get invalid() {
    return this.hasProblems ? 'true' : 'false';
  }

  get formClass() {
    return `slds-form-element${this.hasProblems ? ' slds-has-error' : ''}`;
  }

  get shownProblems() {
    return (this.problems || []).map((problem, index) => {
      const positioned = problem.line !== undefined && problem.line !== null;
      const { lineText, caretText } = positioned ? caretAt(this.value, problem.line, problem.column) : {};
      return {
        key: `p${index}`,
        positioned,
        where: positioned ? format(WORDS.lineColumn, problem.line, problem.column || 1) : '',
        // One text: the template compiler drops whitespace-only text between elements, so the
        // line break between the line and its caret lives inside the text itself.
        excerpt: positioned ? `${lineText}\n${caretText}` : '',
        message: problem.message,
        hint: problem.hint,
      };
    });
  }

  get hasSuggestions() {
    return this.suggestions.length > 0;
  }

  get suggestionsHelp() {
    return format(WORDS.factsHelp, this.typed);
  }

  handleInput(event) {
    const text = event.target.value;
    this.offer(text, event.target.selectionStart ?? text.length);
    this.dispatchEvent(new CustomEvent('change', { detail: { value: text } }));
  }

  offer(text, position) {
    const { start, prefix } = wordAt(text, position);
    this.typed = prefix;
    this.wordStart = start;
    this.suggestions = factsMatching(this.facts, prefix).map((fact) => ({
      key: fact.name,
      name: fact.name,
      label: `${fact.name} (${fact.type})`,
    }));
  }

  handleKeydown(event) {
    if (event.key === 'Escape') this.suggestions = [];
  }

  handlePick(event) {
    const name = event.currentTarget.dataset.name;
    const text = String(this.value ?? '');
    const end = this.wordStart + this.typed.length;
    const next = text.slice(0, this.wordStart) + name + text.slice(end);
    this.suggestions = [];
    this.dispatchEvent(new CustomEvent('change', { detail: { value: next } }));
    const area = this.template.querySelector('textarea');
    if (area) {
      area.value = next;
      area.focus();
      const at = this.wordStart + name.length;
      area.setSelectionRange(at, at);
    }
  }
}
