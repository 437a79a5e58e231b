/**
 * What a checklist line shows, in the user's language: the actions a rep may take, who saw the
 * signal and when, the notes under it, the card's title and the signals pointing elsewhere.
 * Pure: no wires, no DOM; the component passes what the org said (object info, picklist labels).
 */
import SIGNAL_ACCOUNT from '@salesforce/schema/Stance_Signal__c.Account__c';
import SIGNAL_TRIGGER from '@salesforce/schema/Stance_Signal__c.Trigger__c';
import SIGNAL_STATUS from '@salesforce/schema/Stance_Signal__c.Status__c';
import SIGNAL_SOURCE from '@salesforce/schema/Stance_Signal__c.Source__c';
import SIGNAL_DETAIL from '@salesforce/schema/Stance_Signal__c.Detail__c';
import SIGNAL_ACKNOWLEDGED_AT from '@salesforce/schema/Stance_Signal__c.Acknowledged_At__c';
import SIGNAL_ACKNOWLEDGED_BY from '@salesforce/schema/Stance_Signal__c.Acknowledged_By__c';
import SIGNAL_DISMISSED_AT from '@salesforce/schema/Stance_Signal__c.Dismissed_At__c';
import SIGNAL_DISMISS_REASON from '@salesforce/schema/Stance_Signal__c.Dismiss_Reason__c';
import SIGNAL_TRANSITION_UNTIL from '@salesforce/schema/Stance_Signal__c.Transition_Until__c';
import SIGNAL_VALUE_LEVERS from '@salesforce/schema/Stance_Signal__c.Value_Levers__c';
import SIGNAL_OBJECT from '@salesforce/schema/Stance_Signal__c';
import {
  CUSTOMER_TOLD,
  VALUE_PROPOSITION,
  describeFactValues,
  stanceVisual,
  stateVisual,
  triggerLabel,
} from 'c/stanceModel';
import { formatLabel, listOf, plural, relativeTime } from 'c/stanceI18n';
import { mayCreate, mayUpdate } from 'c/stanceAccess';
import { LABELS } from './labels';

/** The fields a new signal for a detected trigger sets besides those of the action (see write()). */
export const CREATED_FIELDS = [SIGNAL_ACCOUNT, SIGNAL_TRIGGER, SIGNAL_SOURCE, SIGNAL_DETAIL];

/**
 * What a rep may do with a checklist item, in the order the buttons show; `handler` names the
 * method, `writes` the signal fields it sets (the user must be allowed to, on an item's signal,
 * or on a new one when the trigger was only detected).
 */
export const ITEM_ACTIONS = [
  {
    name: 'confirm',
    label: LABELS.actionConfirm,
    handler: 'handleConfirm',
    writes: [SIGNAL_STATUS, SIGNAL_ACKNOWLEDGED_AT, SIGNAL_ACKNOWLEDGED_BY],
    offered: (item) => item.kind !== 'plan_step' && (item.state === 'detected' || item.state === 'reported'),
  },
  {
    name: 'dismiss',
    label: LABELS.actionDismiss,
    handler: 'handleStartDismiss',
    writes: [SIGNAL_STATUS, SIGNAL_DISMISSED_AT, SIGNAL_DISMISS_REASON],
    offered: (item) => item.kind !== 'plan_step' && ['detected', 'reported', 'confirmed'].includes(item.state),
  },
  {
    name: 'reopen',
    label: LABELS.actionReopen,
    handler: 'handleReopen',
    writes: [SIGNAL_STATUS, SIGNAL_DISMISSED_AT, SIGNAL_DISMISS_REASON],
    offered: (item) => item.state === 'dismissed' && !!item.dismissal,
  },
  {
    name: 'done',
    label: LABELS.actionMarkDone,
    handler: 'handleMarkDone',
    // The customer is told with the transition's last day: without it the step is not done.
    writes: (item) => (item.code === CUSTOMER_TOLD ? [SIGNAL_STATUS, SIGNAL_TRANSITION_UNTIL] : [SIGNAL_STATUS]),
    // A step detection already meets needs nobody to mark it: it reads "Met".
    offered: (item) => item.kind === 'plan_step' && item.state !== 'done' && item.state !== 'detected',
  },
  {
    // The same form as marking it done, with the levers chosen then, and the open deals again.
    name: 'levers',
    label: LABELS.actionChangeLevers,
    handler: 'handleChangeLevers',
    writes: [SIGNAL_VALUE_LEVERS],
    offered: (item) => item.code === VALUE_PROPOSITION && item.state === 'done' && !!item.signal,
  },
];

function writesOf(action, item) {
  return typeof action.writes === 'function' ? action.writes(item) : action.writes;
}

/** Whether object info lets the user take this action on this item (reopen always updates). */
export function allowed(action, item, signalInfo) {
  const updates = !!item.signal || action.name === 'reopen';
  const writes = writesOf(action, item);
  return updates ? mayUpdate(signalInfo, writes) : mayCreate(signalInfo, [...CREATED_FIELDS, ...writes]);
}

/** The actions offered on an item to this user. */
export function itemActions(item, signalInfo) {
  return ITEM_ACTIONS.filter((action) => action.offered(item) && allowed(action, item, signalInfo));
}

/** A picklist value's label from a getPicklistValues answer; the value itself until it is known. */
export function picklistLabeller(wired) {
  const values = (wired && wired.data && wired.data.values) || [];
  const labels = new Map(values.map((entry) => [entry.value, entry.label]));
  return (value) => labels.get(value) || value;
}

/** The item's name in the user's language: the package's trigger label, else the stored catalog label. */
export function itemLabel(item) {
  return triggerLabel(item.code, item.label);
}

/** "Defend checklist", or "Stance checklist" without a stance. */
export function checklistTitle(stance) {
  return stance && stance !== 'None' ? formatLabel(LABELS.title, stanceVisual(stance).label) : LABELS.titleDefault;
}

const SIGNAL_LINES = {
  confirmed: [LABELS.sourceConfirmedBy, LABELS.sourceConfirmed],
  done: [LABELS.sourceDoneBy, LABELS.sourceDone],
  reported: [LABELS.sourceReportedBy, LABELS.sourceReported],
};

/**
 * Where the item's state comes from: the facts detection saw, who reported the signal (and from
 * which department, by its picklist label) and when, or who dismissed it and why.
 */
export function sourceLine(item, sourceLabel = (value) => value, now = Date.now()) {
  const signal = item.signal;
  if (item.state === 'detected') {
    const met = item.kind === 'plan_step';
    if (item.evidence) {
      return formatLabel(met ? LABELS.sourceMetFacts : LABELS.sourceDetectedFacts, describeFactValues(item.evidence));
    }
    return met ? LABELS.sourceMet : LABELS.sourceDetected;
  }
  if (signal) {
    // Name and department ("Dana Rep, Sales"), not a list.
    const who = [signal.reporter, signal.source && sourceLabel(signal.source)].filter(Boolean).join(', ');
    const [withWho, without] = SIGNAL_LINES[item.state] || SIGNAL_LINES.reported;
    const when = relativeTime(signal.at, now);
    return who ? formatLabel(withWho, who, when) : formatLabel(without, when);
  }
  if (item.state === 'dismissed' && item.dismissal) {
    const reason = item.dismissal.reason || LABELS.sourceNoReason;
    return item.dismissal.by
      ? formatLabel(LABELS.dismissedBy, item.dismissal.by, reason)
      : formatLabel(LABELS.dismissed, reason);
  }
  return null;
}

/** What the signal's reporter wrote, quoted. */
export function quotedDetail(item) {
  return item.signal && item.signal.detail ? formatLabel(LABELS.detailQuoted, item.signal.detail) : null;
}

/** "Pointing elsewhere: 1 signal toward Fire (Macro shift)"; null when no signal points elsewhere. */
export function describeElsewhere(list) {
  if (!list || list.length === 0) {
    return null;
  }
  const byStance = new Map();
  list.forEach((entry) => {
    byStance.set(entry.stance, [...(byStance.get(entry.stance) || []), itemLabel(entry)]);
  });
  const parts = [...byStance].map(([stance, labels]) =>
    plural(
      labels.length,
      LABELS.elsewherePartOne,
      LABELS.elsewherePartOther,
      stanceVisual(stance).label,
      listOf(labels),
    ),
  );
  return formatLabel(LABELS.elsewhere, parts.join('; '));
}

/** The detail a new signal records when the rep acts on a trigger only detection saw. */
export function createdDetail(item, detail) {
  if (detail) {
    return detail;
  }
  return item.evidence ? formatLabel(LABELS.detailFromData, describeFactValues(item.evidence)) : null;
}

/** The state badge, icon and strike-through of an item. */
export function stateOf(item) {
  const visual = stateVisual(item.state, item.kind);
  const dismissed = item.state === 'dismissed';
  return {
    stateLabel: visual.label,
    stateIcon: visual.icon,
    labelClass: dismissed ? 'slds-text-title_bold stance-dismissed' : 'slds-text-title_bold',
  };
}

/** A new signal for a trigger only detection saw, from Sales (the rep's checklist). */
export function newSignal(accountId, item, fields, detail) {
  return {
    apiName: SIGNAL_OBJECT.objectApiName,
    fields: {
      [SIGNAL_ACCOUNT.fieldApiName]: accountId,
      [SIGNAL_TRIGGER.fieldApiName]: item.code,
      [SIGNAL_SOURCE.fieldApiName]: 'Sales', // i18n-exempt: Source__c API value
      [SIGNAL_DETAIL.fieldApiName]: createdDetail(item, detail),
      ...fields,
    },
  };
}
