/**
 * The package's names of the catalog's triggers (custom labels Stance_Trigger_<CODE>, translated
 * with the package), by code. A checklist item, signal or fact names a trigger by its code; the
 * label the sidecar stored (the catalog's custom metadata, admin text that the Translation
 * Workbench does not translate) is the fallback for a code the package does not know.
 */
import COMPETITIVE_SHIFT from '@salesforce/label/c.Stance_Trigger_COMPETITIVE_SHIFT';
import COMPETITOR_APPROACH from '@salesforce/label/c.Stance_Trigger_COMPETITOR_APPROACH';
import CUSTOMER_PROBLEM from '@salesforce/label/c.Stance_Trigger_CUSTOMER_PROBLEM';
import ENVIRONMENT_SHIFT from '@salesforce/label/c.Stance_Trigger_ENVIRONMENT_SHIFT';
import EXIT_CUSTOMER_TOLD from '@salesforce/label/c.Stance_Trigger_EXIT_CUSTOMER_TOLD';
import EXIT_DECISION from '@salesforce/label/c.Stance_Trigger_EXIT_DECISION';
import EXIT_EFFORT_MOVED from '@salesforce/label/c.Stance_Trigger_EXIT_EFFORT_MOVED';
import EXIT_HANDOVER from '@salesforce/label/c.Stance_Trigger_EXIT_HANDOVER';
import INCUMBENT_DEFENSE from '@salesforce/label/c.Stance_Trigger_INCUMBENT_DEFENSE';
import INCUMBENT_DISSATISFACTION from '@salesforce/label/c.Stance_Trigger_INCUMBENT_DISSATISFACTION';
import KEY_PERSON_CHANGE from '@salesforce/label/c.Stance_Trigger_KEY_PERSON_CHANGE';
import MACRO_SHIFT from '@salesforce/label/c.Stance_Trigger_MACRO_SHIFT';
import MONITORING_COVERAGE from '@salesforce/label/c.Stance_Trigger_MONITORING_COVERAGE';
import PROCESS_CHANGE from '@salesforce/label/c.Stance_Trigger_PROCESS_CHANGE';
import PRODUCT_DISSATISFACTION from '@salesforce/label/c.Stance_Trigger_PRODUCT_DISSATISFACTION';
import RELATIONSHIP_NOT_BENEFICIAL from '@salesforce/label/c.Stance_Trigger_RELATIONSHIP_NOT_BENEFICIAL';
import SERVICE_DISSATISFACTION from '@salesforce/label/c.Stance_Trigger_SERVICE_DISSATISFACTION';
import STRATEGIC_MISALIGNMENT from '@salesforce/label/c.Stance_Trigger_STRATEGIC_MISALIGNMENT';
import STRATEGY_CHANGE from '@salesforce/label/c.Stance_Trigger_STRATEGY_CHANGE';
import VALUE_PROPOSITION from '@salesforce/label/c.Stance_Trigger_VALUE_PROPOSITION';

/** Trigger code -> its name in the user's language. */
export const TRIGGER_LABELS = Object.freeze({
  COMPETITIVE_SHIFT,
  COMPETITOR_APPROACH,
  CUSTOMER_PROBLEM,
  ENVIRONMENT_SHIFT,
  EXIT_CUSTOMER_TOLD,
  EXIT_DECISION,
  EXIT_EFFORT_MOVED,
  EXIT_HANDOVER,
  INCUMBENT_DEFENSE,
  INCUMBENT_DISSATISFACTION,
  KEY_PERSON_CHANGE,
  MACRO_SHIFT,
  MONITORING_COVERAGE,
  PROCESS_CHANGE,
  PRODUCT_DISSATISFACTION,
  RELATIONSHIP_NOT_BENEFICIAL,
  SERVICE_DISSATISFACTION,
  STRATEGIC_MISALIGNMENT,
  STRATEGY_CHANGE,
  VALUE_PROPOSITION,
});

/** The trigger's name: the package label for a code it knows, else `fallback` (the stored label), else the code. */
export function triggerLabel(code, fallback) {
  return (Object.prototype.hasOwnProperty.call(TRIGGER_LABELS, code) && TRIGGER_LABELS[code]) || fallback || code || '';
}
