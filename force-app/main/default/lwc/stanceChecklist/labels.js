/**
 * What the checklist says: custom labels (Stance_Checklist_*, Stance_Common_*), in the user's
 * language. Labels with {0}, {1} ... are filled by formatLabel / plural of c/stanceI18n.
 */
import ACTION_CONFIRM from '@salesforce/label/c.Stance_Checklist_Action_Confirm';
import ACTION_DISMISS from '@salesforce/label/c.Stance_Checklist_Action_Dismiss';
import ACTION_MARK_DONE from '@salesforce/label/c.Stance_Checklist_Action_Mark_Done';
import ACTION_REOPEN from '@salesforce/label/c.Stance_Checklist_Action_Reopen';
import COMPETITOR from '@salesforce/label/c.Stance_Checklist_Competitor';
import CONFIRMED_TOAST from '@salesforce/label/c.Stance_Checklist_Confirmed_Toast';
import DETAIL_FROM_DATA from '@salesforce/label/c.Stance_Checklist_Detail_From_Data';
import DETAIL_MARKED_DONE from '@salesforce/label/c.Stance_Checklist_Detail_Marked_Done';
import DETAIL_QUOTED from '@salesforce/label/c.Stance_Checklist_Detail_Quoted';
import DISMISS from '@salesforce/label/c.Stance_Checklist_Dismiss';
import DISMISS_QUESTION from '@salesforce/label/c.Stance_Checklist_Dismiss_Question';
import DISMISS_REASON_MISSING from '@salesforce/label/c.Stance_Checklist_Dismiss_Reason_Missing';
import DISMISSED from '@salesforce/label/c.Stance_Checklist_Dismissed';
import DISMISSED_BY from '@salesforce/label/c.Stance_Checklist_Dismissed_By';
import DISMISSED_TOAST from '@salesforce/label/c.Stance_Checklist_Dismissed_Toast';
import ELSEWHERE from '@salesforce/label/c.Stance_Checklist_Elsewhere';
import ELSEWHERE_PART_ONE from '@salesforce/label/c.Stance_Checklist_Elsewhere_Part_One';
import ELSEWHERE_PART_OTHER from '@salesforce/label/c.Stance_Checklist_Elsewhere_Part_Other';
import EMPTY from '@salesforce/label/c.Stance_Checklist_Empty';
import HIDDEN from '@salesforce/label/c.Stance_Checklist_Hidden';
import LEVERS from '@salesforce/label/c.Stance_Checklist_Levers';
import LEVERS_FAILED from '@salesforce/label/c.Stance_Checklist_Levers_Failed';
import LEVERS_MISSING from '@salesforce/label/c.Stance_Checklist_Levers_Missing';
import LEVERS_QUESTION from '@salesforce/label/c.Stance_Checklist_Levers_Question';
import LOAD_FAILED from '@salesforce/label/c.Stance_Checklist_Load_Failed';
import LOADING from '@salesforce/label/c.Stance_Checklist_Loading';
import MARKED_DONE_TOAST from '@salesforce/label/c.Stance_Checklist_Marked_Done_Toast';
import MONITORING from '@salesforce/label/c.Stance_Checklist_Monitoring';
import NOT_SAVED from '@salesforce/label/c.Stance_Checklist_Not_Saved';
import REFUSED from '@salesforce/label/c.Stance_Checklist_Refused';
import REOPENED_TOAST from '@salesforce/label/c.Stance_Checklist_Reopened_Toast';
import SOURCE_CONFIRMED from '@salesforce/label/c.Stance_Checklist_Source_Confirmed';
import SOURCE_CONFIRMED_BY from '@salesforce/label/c.Stance_Checklist_Source_Confirmed_By';
import SOURCE_DETECTED from '@salesforce/label/c.Stance_Checklist_Source_Detected';
import SOURCE_DETECTED_FACTS from '@salesforce/label/c.Stance_Checklist_Source_Detected_Facts';
import SOURCE_DONE from '@salesforce/label/c.Stance_Checklist_Source_Done';
import SOURCE_DONE_BY from '@salesforce/label/c.Stance_Checklist_Source_Done_By';
import SOURCE_MET from '@salesforce/label/c.Stance_Checklist_Source_Met';
import SOURCE_MET_FACTS from '@salesforce/label/c.Stance_Checklist_Source_Met_Facts';
import SOURCE_NO_REASON from '@salesforce/label/c.Stance_Checklist_Source_No_Reason';
import SOURCE_REPORTED from '@salesforce/label/c.Stance_Checklist_Source_Reported';
import SOURCE_REPORTED_BY from '@salesforce/label/c.Stance_Checklist_Source_Reported_By';
import TITLE from '@salesforce/label/c.Stance_Checklist_Title';
import TITLE_DEFAULT from '@salesforce/label/c.Stance_Checklist_Title_Default';
import TRANSITION_LABEL from '@salesforce/label/c.Stance_Checklist_Transition_Label';
import TRANSITION_MISSING from '@salesforce/label/c.Stance_Checklist_Transition_Missing';
import TRANSITION_PAST from '@salesforce/label/c.Stance_Checklist_Transition_Past';
import TRANSITION_UNTIL from '@salesforce/label/c.Stance_Checklist_Transition_Until';
import UNREADABLE from '@salesforce/label/c.Stance_Checklist_Unreadable';
import ACTION_CHANGE_LEVERS from '@salesforce/label/c.Stance_Checklist_Action_Change_Levers';
import DEAL_NOT_RECORDED from '@salesforce/label/c.Stance_Checklist_Deal_Not_Recorded';
import DEAL_OPTION from '@salesforce/label/c.Stance_Checklist_Deal_Option';
import DEAL_OPTION_LEVERS from '@salesforce/label/c.Stance_Checklist_Deal_Option_Levers';
import DEALS_FAILED from '@salesforce/label/c.Stance_Checklist_Deals_Failed';
import DEALS_LOADING from '@salesforce/label/c.Stance_Checklist_Deals_Loading';
import DEALS_QUESTION_ONE from '@salesforce/label/c.Stance_Checklist_Deals_Question_One';
import DEALS_QUESTION_OTHER from '@salesforce/label/c.Stance_Checklist_Deals_Question_Other';
import DEALS_RECORDED_ONE from '@salesforce/label/c.Stance_Checklist_Deals_Recorded_One';
import DEALS_RECORDED_OTHER from '@salesforce/label/c.Stance_Checklist_Deals_Recorded_Other';
import LEVERS_CHANGED_TOAST from '@salesforce/label/c.Stance_Checklist_Levers_Changed_Toast';
import SAVE from '@salesforce/label/c.Stance_Common_Save';
import CANCEL from '@salesforce/label/c.Stance_Common_Cancel';

export const LABELS = Object.freeze({
  actionConfirm: ACTION_CONFIRM,
  actionDismiss: ACTION_DISMISS,
  actionMarkDone: ACTION_MARK_DONE,
  actionReopen: ACTION_REOPEN,
  competitor: COMPETITOR,
  confirmedToast: CONFIRMED_TOAST,
  detailFromData: DETAIL_FROM_DATA,
  detailMarkedDone: DETAIL_MARKED_DONE,
  detailQuoted: DETAIL_QUOTED,
  dismiss: DISMISS,
  dismissQuestion: DISMISS_QUESTION,
  dismissReasonMissing: DISMISS_REASON_MISSING,
  dismissed: DISMISSED,
  dismissedBy: DISMISSED_BY,
  dismissedToast: DISMISSED_TOAST,
  elsewhere: ELSEWHERE,
  elsewherePartOne: ELSEWHERE_PART_ONE,
  elsewherePartOther: ELSEWHERE_PART_OTHER,
  empty: EMPTY,
  hidden: HIDDEN,
  levers: LEVERS,
  leversFailed: LEVERS_FAILED,
  leversMissing: LEVERS_MISSING,
  leversQuestion: LEVERS_QUESTION,
  loadFailed: LOAD_FAILED,
  loading: LOADING,
  markedDoneToast: MARKED_DONE_TOAST,
  monitoring: MONITORING,
  notSaved: NOT_SAVED,
  refused: REFUSED,
  reopenedToast: REOPENED_TOAST,
  sourceConfirmed: SOURCE_CONFIRMED,
  sourceConfirmedBy: SOURCE_CONFIRMED_BY,
  sourceDetected: SOURCE_DETECTED,
  sourceDetectedFacts: SOURCE_DETECTED_FACTS,
  sourceDone: SOURCE_DONE,
  sourceDoneBy: SOURCE_DONE_BY,
  sourceMet: SOURCE_MET,
  sourceMetFacts: SOURCE_MET_FACTS,
  sourceNoReason: SOURCE_NO_REASON,
  sourceReported: SOURCE_REPORTED,
  sourceReportedBy: SOURCE_REPORTED_BY,
  title: TITLE,
  titleDefault: TITLE_DEFAULT,
  transitionLabel: TRANSITION_LABEL,
  transitionMissing: TRANSITION_MISSING,
  transitionPast: TRANSITION_PAST,
  transitionUntil: TRANSITION_UNTIL,
  unreadable: UNREADABLE,
  actionChangeLevers: ACTION_CHANGE_LEVERS,
  dealNotRecorded: DEAL_NOT_RECORDED,
  dealOption: DEAL_OPTION,
  dealOptionLevers: DEAL_OPTION_LEVERS,
  dealsFailed: DEALS_FAILED,
  dealsLoading: DEALS_LOADING,
  dealsQuestionOne: DEALS_QUESTION_ONE,
  dealsQuestionOther: DEALS_QUESTION_OTHER,
  dealsRecordedOne: DEALS_RECORDED_ONE,
  dealsRecordedOther: DEALS_RECORDED_OTHER,
  leversChangedToast: LEVERS_CHANGED_TOAST,
  save: SAVE,
  cancel: CANCEL,
});
