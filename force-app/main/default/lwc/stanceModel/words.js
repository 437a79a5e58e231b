/**
 * The package's words for stances, checklist states and groups, and triggers: custom labels
 * (translated by the Translation Workbench), one import each, as the platform resolves them.
 */
import NAME_ATTACK from '@salesforce/label/c.Stance_Name_Attack';
import NAME_DEFEND from '@salesforce/label/c.Stance_Name_Defend';
import NAME_FIRE from '@salesforce/label/c.Stance_Name_Fire';
import NAME_NONE from '@salesforce/label/c.Stance_Name_None';
import STATE_CONFIRMED from '@salesforce/label/c.Stance_State_Confirmed';
import STATE_REPORTED from '@salesforce/label/c.Stance_State_Reported';
import STATE_DETECTED from '@salesforce/label/c.Stance_State_Detected';
import STATE_DISMISSED from '@salesforce/label/c.Stance_State_Dismissed';
import STATE_DONE from '@salesforce/label/c.Stance_State_Done';
import STATE_OPEN from '@salesforce/label/c.Stance_State_Open';
import STATE_MET from '@salesforce/label/c.Stance_State_Met';
import GROUP_OPENINGS from '@salesforce/label/c.Stance_Group_Openings';
import GROUP_THREATS from '@salesforce/label/c.Stance_Group_Threats';
import GROUP_MISALIGNMENTS from '@salesforce/label/c.Stance_Group_Misalignments';
import GROUP_PLAN_STEPS from '@salesforce/label/c.Stance_Group_Plan_Steps';
import GROUP_EXIT_PLAN from '@salesforce/label/c.Stance_Group_Exit_Plan';
import TRIGGER_INCUMBENT_DISSATISFACTION from '@salesforce/label/c.Stance_Trigger_INCUMBENT_DISSATISFACTION';
import TRIGGER_CUSTOMER_PROBLEM from '@salesforce/label/c.Stance_Trigger_CUSTOMER_PROBLEM';
import TRIGGER_PROCESS_CHANGE from '@salesforce/label/c.Stance_Trigger_PROCESS_CHANGE';
import TRIGGER_STRATEGY_CHANGE from '@salesforce/label/c.Stance_Trigger_STRATEGY_CHANGE';
import TRIGGER_KEY_PERSON_CHANGE from '@salesforce/label/c.Stance_Trigger_KEY_PERSON_CHANGE';
import TRIGGER_VALUE_PROPOSITION from '@salesforce/label/c.Stance_Trigger_VALUE_PROPOSITION';
import TRIGGER_INCUMBENT_DEFENSE from '@salesforce/label/c.Stance_Trigger_INCUMBENT_DEFENSE';
import TRIGGER_COMPETITOR_APPROACH from '@salesforce/label/c.Stance_Trigger_COMPETITOR_APPROACH';
import TRIGGER_PRODUCT_DISSATISFACTION from '@salesforce/label/c.Stance_Trigger_PRODUCT_DISSATISFACTION';
import TRIGGER_SERVICE_DISSATISFACTION from '@salesforce/label/c.Stance_Trigger_SERVICE_DISSATISFACTION';
import TRIGGER_MONITORING_COVERAGE from '@salesforce/label/c.Stance_Trigger_MONITORING_COVERAGE';
import TRIGGER_STRATEGIC_MISALIGNMENT from '@salesforce/label/c.Stance_Trigger_STRATEGIC_MISALIGNMENT';
import TRIGGER_RELATIONSHIP_NOT_BENEFICIAL from '@salesforce/label/c.Stance_Trigger_RELATIONSHIP_NOT_BENEFICIAL';
import TRIGGER_COMPETITIVE_SHIFT from '@salesforce/label/c.Stance_Trigger_COMPETITIVE_SHIFT';
import TRIGGER_ENVIRONMENT_SHIFT from '@salesforce/label/c.Stance_Trigger_ENVIRONMENT_SHIFT';
import TRIGGER_MACRO_SHIFT from '@salesforce/label/c.Stance_Trigger_MACRO_SHIFT';
import TRIGGER_EXIT_DECISION from '@salesforce/label/c.Stance_Trigger_EXIT_DECISION';
import TRIGGER_EXIT_CUSTOMER_TOLD from '@salesforce/label/c.Stance_Trigger_EXIT_CUSTOMER_TOLD';
import TRIGGER_EXIT_HANDOVER from '@salesforce/label/c.Stance_Trigger_EXIT_HANDOVER';
import TRIGGER_EXIT_EFFORT_MOVED from '@salesforce/label/c.Stance_Trigger_EXIT_EFFORT_MOVED';

export const STANCE_NAMES = { Attack: NAME_ATTACK, Defend: NAME_DEFEND, Fire: NAME_FIRE, None: NAME_NONE };

export const STATE_NAMES = {
  confirmed: STATE_CONFIRMED,
  reported: STATE_REPORTED,
  detected: STATE_DETECTED,
  dismissed: STATE_DISMISSED,
  done: STATE_DONE,
  open: STATE_OPEN,
  met: STATE_MET,
};

export const GROUP_NAMES = {
  opening: GROUP_OPENINGS,
  threat: GROUP_THREATS,
  misalignment: GROUP_MISALIGNMENTS,
  plan_step: GROUP_PLAN_STEPS,
  exit_plan: GROUP_EXIT_PLAN,
};

/** The package's label of each trigger in the catalog, by code. */
const TRIGGER_NAMES = {
  INCUMBENT_DISSATISFACTION: TRIGGER_INCUMBENT_DISSATISFACTION,
  CUSTOMER_PROBLEM: TRIGGER_CUSTOMER_PROBLEM,
  PROCESS_CHANGE: TRIGGER_PROCESS_CHANGE,
  STRATEGY_CHANGE: TRIGGER_STRATEGY_CHANGE,
  KEY_PERSON_CHANGE: TRIGGER_KEY_PERSON_CHANGE,
  VALUE_PROPOSITION: TRIGGER_VALUE_PROPOSITION,
  INCUMBENT_DEFENSE: TRIGGER_INCUMBENT_DEFENSE,
  COMPETITOR_APPROACH: TRIGGER_COMPETITOR_APPROACH,
  PRODUCT_DISSATISFACTION: TRIGGER_PRODUCT_DISSATISFACTION,
  SERVICE_DISSATISFACTION: TRIGGER_SERVICE_DISSATISFACTION,
  MONITORING_COVERAGE: TRIGGER_MONITORING_COVERAGE,
  STRATEGIC_MISALIGNMENT: TRIGGER_STRATEGIC_MISALIGNMENT,
  RELATIONSHIP_NOT_BENEFICIAL: TRIGGER_RELATIONSHIP_NOT_BENEFICIAL,
  COMPETITIVE_SHIFT: TRIGGER_COMPETITIVE_SHIFT,
  ENVIRONMENT_SHIFT: TRIGGER_ENVIRONMENT_SHIFT,
  MACRO_SHIFT: TRIGGER_MACRO_SHIFT,
  EXIT_DECISION: TRIGGER_EXIT_DECISION,
  EXIT_CUSTOMER_TOLD: TRIGGER_EXIT_CUSTOMER_TOLD,
  EXIT_HANDOVER: TRIGGER_EXIT_HANDOVER,
  EXIT_EFFORT_MOVED: TRIGGER_EXIT_EFFORT_MOVED,
};

/**
 * A trigger's words: the package label for a code it knows, else the label the explanation
 * stored (the catalog's, from custom metadata an admin may have extended), else the code.
 */
export function triggerLabel(code, storedLabel) {
  return TRIGGER_NAMES[code] || storedLabel || code;
}

/** The stance's name for people ("Defend", "Verteidigen"); an unknown or empty stance is "No stance". */
export function stanceName(stance) {
  return STANCE_NAMES[stance] || STANCE_NAMES.None;
}
