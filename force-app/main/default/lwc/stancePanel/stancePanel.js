import { LightningElement, api, wire } from 'lwc';
import { getRecord, getFieldValue, notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { MessageContext } from 'lightning/messageService';
import STANCE from '@salesforce/schema/Account.Stance__c';
import STANCE_COMPUTED from '@salesforce/schema/Account.Stance_Computed__c';
import CONFLICT from '@salesforce/schema/Account.Stance_Conflict__c';
import PRIORITY from '@salesforce/schema/Account.Stance_Priority__c';
import AT_RISK from '@salesforce/schema/Account.At_Risk__c';
import REASON from '@salesforce/schema/Account.Stance_Reason__c';
import CHECKLIST from '@salesforce/schema/Account.Stance_Checklist__c';
import COMPUTED_AT from '@salesforce/schema/Account.Stance_Computed_At__c';
import OVERRIDE from '@salesforce/schema/Account.Stance_Override__c';
import OVERRIDE_REASON from '@salesforce/schema/Account.Stance_Override_Reason__c';
import OVERRIDE_UNTIL from '@salesforce/schema/Account.Stance_Override_Until__c';
import LAST_MODIFIED from '@salesforce/schema/Account.LastModifiedDate';
import ACCOUNT_ID from '@salesforce/schema/Account.Id';
import LOCALE from '@salesforce/i18n/locale';
import CURRENCY from '@salesforce/i18n/currency';
import { RecomputeWait } from 'c/stanceRecompute';
import { StanceUpdates } from 'c/stanceLiveUpdates';
import {
  EFFORT_LIST_VIEW,
  describeCompetitors,
  describeEffort,
  describeFacts,
  describeNearMiss,
  isStale,
  readExplanation,
  relativeTime,
  stanceVisual,
  wiredRecordState,
  triggerLabels,
} from 'c/stanceModel';

/** What the panel says when the org keeps the stance from this user, in one place. */
export const MESSAGES = {
  stanceHidden: "You can't see the stance of accounts: ask your Salesforce admin for the Stance User permission set.",
};

/**
 * Read as optionalFields: the UI API leaves out a field the user cannot read (field-level
 * security) instead of refusing the whole read, and the panel shows what is there.
 */
const FIELDS = [
  STANCE,
  STANCE_COMPUTED,
  CONFLICT,
  PRIORITY,
  AT_RISK,
  REASON,
  CHECKLIST,
  COMPUTED_AT,
  OVERRIDE,
  OVERRIDE_REASON,
  OVERRIDE_UNTIL,
  LAST_MODIFIED,
];

/**
 * The account's stance at a glance: what, why, how urgent, and what would change it.
 *
 * The sidecar rewrites the stance whenever anyone changes the account or reports a signal, and
 * Lightning Data Service does not learn about writes made by others. So besides waiting for its
 * own user's changes (Stance_Recompute__c), the panel listens to the sidecar's Stance_Update__e
 * platform event: when it names this account, the panel asks LDS to read the record again, which
 * refreshes every component on the page that shows it. A platform event, not the Account change
 * events: those reach only users with View All Records on Account (or View All Data), which most
 * reps lack, while Stance_Update__e carries only ids and every Stance permission set may read it.
 * Without streaming (not enabled here, or it fails) the panel keeps showing what it last read.
 */
export default class StancePanel extends LightningElement {
  @api recordId;
  record;
  error;
  showWhy = false;
  recomputingSince = null;
  recomputeTimedOut = false;
  liveUpdatesFailed = false;

  @wire(MessageContext) messageContext;

  @wire(getRecord, { recordId: '$recordId', fields: [ACCOUNT_ID], optionalFields: FIELDS })
  wiredRecord(result) {
    const state = wiredRecordState(result, this);
    this.record = state.record;
    this.error = state.error;
    if (result.data) {
      this.recompute.recordRead(getFieldValue(this.record, COMPUTED_AT));
    }
  }

  recompute = new RecomputeWait({
    recordId: () => this.recordId,
    onChange: ({ since, timedOut }) => {
      this.recomputingSince = since;
      this.recomputeTimedOut = timedOut;
    },
  });

  liveUpdates = new StanceUpdates({
    recordId: () => this.recordId,
    // LDS does not see writes made by others (another user, the sidecar): ask it to read again.
    onUpdate: () => notifyRecordUpdateAvailable([{ recordId: this.recordId }]),
    onLiveChange: (live) => {
      this.liveUpdatesFailed = !live;
    },
  });

  connectedCallback() {
    this.recompute.start(this.messageContext);
    this.liveUpdates.start();
  }

  disconnectedCallback() {
    this.recompute.stop();
    this.liveUpdates.stop();
  }

  get isLoading() {
    return !this.record && !this.error;
  }

  get messages() {
    return MESSAGES;
  }

  /** The record came without Stance__c: the user may not read it. */
  get stanceHidden() {
    return !!this.record && !(STANCE.fieldApiName in this.record.fields);
  }

  get explanationResult() {
    return readExplanation(getFieldValue(this.record, CHECKLIST));
  }

  get explanation() {
    return this.explanationResult.explanation;
  }

  get explanationError() {
    return this.explanationResult.error;
  }

  get stance() {
    return getFieldValue(this.record, STANCE);
  }

  get hasStance() {
    return !!this.stance;
  }

  get visual() {
    return stanceVisual(this.stance);
  }

  get badgeLabel() {
    return this.visual.label.toUpperCase();
  }

  get atRisk() {
    return getFieldValue(this.record, AT_RISK) === true;
  }

  get priority() {
    return getFieldValue(this.record, PRIORITY) || 0;
  }

  get showPriority() {
    return this.stance && this.stance !== 'None' && getFieldValue(this.record, PRIORITY) !== undefined;
  }

  get priorityVariant() {
    return this.atRisk ? 'warning' : 'base';
  }

  get reason() {
    return getFieldValue(this.record, REASON);
  }

  get ruleLabel() {
    return this.explanation && this.explanation.rule ? this.explanation.rule.label : null;
  }

  get whyParts() {
    const why = this.explanation ? this.explanation.why : [];
    return why.map((part, index) => ({
      key: `why-${index}`,
      text: part.text,
      facts: describeFacts(part.facts),
    }));
  }

  get whyToggleLabel() {
    return this.showWhy ? 'Hide why' : 'Why';
  }

  handleToggleWhy() {
    this.showWhy = !this.showWhy;
  }

  get nearMiss() {
    return describeNearMiss(this.explanation, triggerLabels(this.explanation));
  }

  /** "Cacao Nova (2 signals), Valdor Ingredients (lost deal)", from signals and lost deals in the lookback. */
  get competitors() {
    return this.explanation ? describeCompetitors(this.explanation.competitors) : null;
  }

  /**
   * The effort still spent on a Fire or None account, in the user's locale and currency, with
   * the list of Fire accounts that take effort (a None account is not on it, so it gets none).
   */
  get effort() {
    const explanation = this.explanation;
    const text = explanation
      ? describeEffort(explanation.effort, explanation.stance, { locale: LOCALE, currency: CURRENCY })
      : null;
    return text ? { text, listView: explanation.stance === 'Fire' ? EFFORT_LIST_VIEW : null } : null;
  }

  get override() {
    const stance = getFieldValue(this.record, OVERRIDE);
    if (!stance || !this.explanation || !this.explanation.override) {
      return null;
    }
    const until = getFieldValue(this.record, OVERRIDE_UNTIL);
    return {
      label: stanceVisual(stance).label,
      until,
      reason: getFieldValue(this.record, OVERRIDE_REASON),
      computedLabel: stanceVisual(getFieldValue(this.record, STANCE_COMPUTED)).label,
      conflict: getFieldValue(this.record, CONFLICT) === true,
    };
  }

  get computedAgo() {
    const computedAt = getFieldValue(this.record, COMPUTED_AT);
    return computedAt ? `Computed ${relativeTime(computedAt)}` : null;
  }

  get stale() {
    return isStale(getFieldValue(this.record, COMPUTED_AT), getFieldValue(this.record, LAST_MODIFIED));
  }

  get recomputing() {
    return !!this.recomputingSince;
  }

  get showLiveUpdatesFailed() {
    return this.liveUpdatesFailed && !this.isLoading;
  }
}
