/** The override card's words: custom labels, translated by the Translation Workbench. */
import TITLE from '@salesforce/label/c.Stance_Override_Title';
import ERROR_ACCESS from '@salesforce/label/c.Stance_Override_Error_Access';
import ERROR_LOAD from '@salesforce/label/c.Stance_Override_Error_Load';
import ERROR_STANCES from '@salesforce/label/c.Stance_Override_Error_Stances';
import NOT_ALLOWED from '@salesforce/label/c.Stance_Override_Not_Allowed';
import REFUSED from '@salesforce/label/c.Stance_Override_Refused';
import NOT_SAVED from '@salesforce/label/c.Stance_Override_Not_Saved';
import CLEARED from '@salesforce/label/c.Stance_Override_Cleared';
import SAVED from '@salesforce/label/c.Stance_Override_Saved';
import STANCE from '@salesforce/label/c.Stance_Override_Stance';
import REASON from '@salesforce/label/c.Stance_Override_Reason';
import UNTIL from '@salesforce/label/c.Stance_Override_Until';
import UNTIL_HELP from '@salesforce/label/c.Stance_Override_Until_Help';
import CANCEL from '@salesforce/label/c.Stance_Common_Cancel';
import SAVE from '@salesforce/label/c.Stance_Override_Save';
import RULES_SAY from '@salesforce/label/c.Stance_Override_Rules_Say';
import CHANGE from '@salesforce/label/c.Stance_Override_Change';
import CLEAR from '@salesforce/label/c.Stance_Override_Clear';
import RULES_DECIDE from '@salesforce/label/c.Stance_Override_Rules_Decide';
import OVERRIDE from '@salesforce/label/c.Stance_Override_Override';
import NOT_COMPUTED from '@salesforce/label/c.Stance_Override_Not_Computed';
import LOADING_STANCES from '@salesforce/label/c.Stance_Override_Loading_Stances';
import CHOOSE_STANCE from '@salesforce/label/c.Stance_Override_Choose_Stance';
import NO_STANCES from '@salesforce/label/c.Stance_Override_No_Stances';
import NEED_STANCE from '@salesforce/label/c.Stance_Override_Need_Stance';
import NEED_REASON from '@salesforce/label/c.Stance_Override_Need_Reason';
import PAST_DAY from '@salesforce/label/c.Stance_Override_Past_Day';

export const LABELS = {
  title: TITLE,
  errorAccess: ERROR_ACCESS,
  errorLoad: ERROR_LOAD,
  errorStances: ERROR_STANCES,
  notAllowed: NOT_ALLOWED,
  refused: REFUSED,
  notSaved: NOT_SAVED,
  cleared: CLEARED,
  saved: SAVED,
  stance: STANCE,
  reason: REASON,
  until: UNTIL,
  untilHelp: UNTIL_HELP,
  cancel: CANCEL,
  save: SAVE,
  rulesSay: RULES_SAY,
  change: CHANGE,
  clear: CLEAR,
  rulesDecide: RULES_DECIDE,
  override: OVERRIDE,
  notComputed: NOT_COMPUTED,
  loadingStances: LOADING_STANCES,
  chooseStance: CHOOSE_STANCE,
  noStances: NO_STANCES,
  needStance: NEED_STANCE,
  needReason: NEED_REASON,
  pastDay: PAST_DAY,
};
