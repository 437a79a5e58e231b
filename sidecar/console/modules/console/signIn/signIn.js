import { LightningElement, api } from 'lwc';
import { WORDS, format } from 'console/words';

/** The way in: a link to the org's sign-in, or, after a refusal, the sentence and no data. */
export default class SignIn extends LightningElement {
  /** True when the sidecar sent the person back with ?refused=1. */
  @api refused = false;
  /** Who was refused, when the sidecar says. */
  @api refusedName;
  words = WORDS;
  startUrl = '/console/oauth/start';

  get title() {
    return this.refused ? WORDS.refusedTitle : WORDS.signInTitle;
  }

  get refusedSentence() {
    return this.refusedName ? format(WORDS.refusedAs, this.refusedName) : WORDS.refusedSomeone;
  }

  get linkLabel() {
    return this.refused ? WORDS.signInAgain : WORDS.signInLink;
  }
}
