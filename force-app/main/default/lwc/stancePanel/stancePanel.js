import { LightningElement, api, wire } from 'lwc';
import { getRecord, getFieldValue } from 'lightning/uiRecordApi';
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
import TITLE from '@salesforce/label/c.Stance_Panel_Title';
import LOADING from '@salesforce/label/c.Stance_Panel_Loading';
import LOAD_ERROR from '@salesforce/label/c.Stance_Panel_Load_Error';
import HIDDEN from '@salesforce/label/c.Stance_Panel_Hidden';
import AT_RISK_LABEL from '@salesforce/label/c.Stance_Panel_At_Risk';
import PRIORITY_LABEL from '@salesforce/label/c.Stance_Panel_Priority';
import DETAILS_ERROR from '@salesforce/label/c.Stance_Panel_Details_Error';
import WHY from '@salesforce/label/c.Stance_Panel_Why';
import HIDE_WHY from '@salesforce/label/c.Stance_Panel_Hide_Why';
import WHY_RULE from '@salesforce/label/c.Stance_Panel_Why_Rule';
import NEAR_MISS_HEADING from '@salesforce/label/c.Stance_Panel_Near_Miss_Heading';
import COMPETITORS_HEADING from '@salesforce/label/c.Stance_Panel_Competitors_Heading';
import EFFORT_HEADING from '@salesforce/label/c.Stance_Panel_Effort_Heading';
import RULES_SAY from '@salesforce/label/c.Stance_Panel_Rules_Say';
import RULES_SAY_CONFLICT from '@salesforce/label/c.Stance_Panel_Rules_Say_Conflict';
import COMPUTED from '@salesforce/label/c.Stance_Panel_Computed';
import RECOMPUTING from '@salesforce/label/c.Stance_Panel_Recomputing';
import STALE from '@salesforce/label/c.Stance_Panel_Stale';
import RECOMPUTE_TIMEOUT from '@salesforce/label/c.Stance_Panel_Recompute_Timeout';
import EMPTY from '@salesforce/label/c.Stance_Panel_Empty';
import LIVE_OFF from '@salesforce/label/c.Stance_Live_Off';
import { formatLabel, formatNumber, userLocale } from 'c/stanceI18n';
import { RecomputeWait } from 'c/stanceRecompute';
import { StanceUpdates, refreshRecordPage } from 'c/stanceLiveUpdates';
import {
  EFFORT_LIST_VIEW,
  describeCompetitors,
  describeEffort,
  describeFactValues,
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
  stanceHidden: HIDDEN,
};

/** The panel's words, for its template (custom labels, in the user's language). */
const LABELS = {
  title: TITLE,
  loading: LOADING,
  loadError: LOAD_ERROR,
  atRisk: AT_RISK_LABEL,
  detailsError: DETAILS_ERROR,
  nearMissHeading: NEAR_MISS_HEADING,
  competitorsHeading: COMPETITORS_HEADING,
  effortHeading: EFFORT_HEADING,
  recomputing: RECOMPUTING,
  stale: STALE,
  recomputeTimeout: RECOMPUTE_TIMEOUT,
  empty: EMPTY,
  liveOff: LIVE_OFF,
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
 * platform event: when it names this account, the panel asks LDS to read the record again and
 * dispatches Lightning's refresh event, which refreshes every component and related list on the
 * page that shows the account's data (c/stanceLiveUpdates refreshRecordPage). A platform event, not the Account change
 * events: those reach only users with View All Records on Account (or View All Data), which most
 * reps lack, while Stance_Update__e carries only ids and every Stance permission set may read it.
 * Without streaming (not enabled here, or it fails) the panel keeps showing what it last read.
 */
export default class StancePanel extends LightningElement {
  @api recordId;
  labels = LABELS;
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
    // LDS does not see writes made by others (another user, the sidecar): refresh the whole page.
    onUpdate: () => refreshRecordPage(this, this.recordId),
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
    return this.visual.label.toLocaleUpperCase(userLocale.lang || undefined);
  }

  get atRisk() {
    return getFieldValue(this.record, AT_RISK) === true;
  }

  get priority() {
    return getFieldValue(this.record, PRIORITY) || 0;
  }

  get priorityLabel() {
    return formatLabel(PRIORITY_LABEL, formatNumber(this.priority));
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
    const stored = triggerLabels(this.explanation);
    return why.map((part, index) => ({
      key: `why-${index}`,
      text: part.text,
      facts: describeFactValues(part.facts, stored),
    }));
  }

  get whyToggleLabel() {
    const toggle = this.showWhy ? HIDE_WHY : WHY;
    return this.ruleLabel ? formatLabel(WHY_RULE, toggle, this.ruleLabel) : toggle;
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
    const text = explanation ? describeEffort(explanation.effort, explanation.stance) : null;
    return text ? { text, listView: explanation.stance === 'Fire' ? EFFORT_LIST_VIEW : null } : null;
  }

  get override() {
    const stance = getFieldValue(this.record, OVERRIDE);
    if (!stance || !this.explanation || !this.explanation.override) {
      return null;
    }
    const computedLabel = stanceVisual(getFieldValue(this.record, STANCE_COMPUTED)).label;
    const conflict = getFieldValue(this.record, CONFLICT) === true;
    return {
      label: stanceVisual(stance).label,
      until: getFieldValue(this.record, OVERRIDE_UNTIL),
      reason: getFieldValue(this.record, OVERRIDE_REASON),
      rulesSay: formatLabel(conflict ? RULES_SAY_CONFLICT : RULES_SAY, computedLabel),
    };
  }

  get computedAgo() {
    const computedAt = getFieldValue(this.record, COMPUTED_AT);
    return computedAt ? formatLabel(COMPUTED, relativeTime(computedAt)) : null;
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
