/** The portfolio's words: custom labels, translated by the Translation Workbench. */
import TITLE_TEAM from '@salesforce/label/c.Stance_Portfolio_Title_Team';
import TITLE_MINE from '@salesforce/label/c.Stance_Portfolio_Title_Mine';
import WEEK_OF from '@salesforce/label/c.Stance_Portfolio_Week_Of';
import ERROR_LOAD from '@salesforce/label/c.Stance_Portfolio_Error_Load';
import LOADING from '@salesforce/label/c.Stance_Portfolio_Loading';
import EMPTY from '@salesforce/label/c.Stance_Portfolio_Empty';
import PAUSED from '@salesforce/label/c.Stance_Portfolio_Paused';
import MIX from '@salesforce/label/c.Stance_Portfolio_Mix';
import AT_RISK from '@salesforce/label/c.Stance_Portfolio_At_Risk';
import UP from '@salesforce/label/c.Stance_Portfolio_Up';
import DOWN from '@salesforce/label/c.Stance_Portfolio_Down';
import NO_CHANGE from '@salesforce/label/c.Stance_Portfolio_No_Change';
import BASELINE from '@salesforce/label/c.Stance_Portfolio_Baseline';
import NO_BASELINE from '@salesforce/label/c.Stance_Portfolio_No_Baseline';
import EXIT_PLANS from '@salesforce/label/c.Stance_Portfolio_Exit_Plans';
import NO_FIRE from '@salesforce/label/c.Stance_Portfolio_No_Fire';
import EXIT_PROGRESS from '@salesforce/label/c.Stance_Portfolio_Exit_Progress';
import EXIT_STEPS_ONE from '@salesforce/label/c.Stance_Portfolio_Exit_Steps_One';
import EXIT_STEPS_OTHER from '@salesforce/label/c.Stance_Portfolio_Exit_Steps_Other';
import ACCOUNTS_ONE from '@salesforce/label/c.Stance_Portfolio_Accounts_One';
import ACCOUNTS_OTHER from '@salesforce/label/c.Stance_Portfolio_Accounts_Other';
import EFFORT from '@salesforce/label/c.Stance_Portfolio_Effort';
import OPEN_DEALS_ONE from '@salesforce/label/c.Stance_Portfolio_Open_Deals_One';
import OPEN_DEALS_OTHER from '@salesforce/label/c.Stance_Portfolio_Open_Deals_Other';
import RECENT_CASES_ONE from '@salesforce/label/c.Stance_Portfolio_Recent_Cases_One';
import RECENT_CASES_OTHER from '@salesforce/label/c.Stance_Portfolio_Recent_Cases_Other';
import EFFORT_LINK from '@salesforce/label/c.Stance_Portfolio_Effort_Link';
import TREND_ONE from '@salesforce/label/c.Stance_Portfolio_Trend_One';
import TREND_OTHER from '@salesforce/label/c.Stance_Portfolio_Trend_Other';
import LAST_WEEKS_ONE from '@salesforce/label/c.Stance_Portfolio_Last_Weeks_One';
import LAST_WEEKS_OTHER from '@salesforce/label/c.Stance_Portfolio_Last_Weeks_Other';
import NO_SNAPSHOT from '@salesforce/label/c.Stance_Portfolio_No_Snapshot';
import TREND_CAPTION from '@salesforce/label/c.Stance_Portfolio_Trend_Caption';
import WEEK_COLUMN from '@salesforce/label/c.Stance_Portfolio_Week_Column';
import TOTAL from '@salesforce/label/c.Stance_Portfolio_Total';
import TRUNCATED from '@salesforce/label/c.Stance_Portfolio_Truncated';
import TEAM_TRUNCATED from '@salesforce/label/c.Stance_Portfolio_Team_Truncated';
import NO_SNAPSHOTS from '@salesforce/label/c.Stance_Portfolio_No_Snapshots';
import OWNERS from '@salesforce/label/c.Stance_Portfolio_Owners';
import BY_OWNER from '@salesforce/label/c.Stance_Portfolio_By_Owner';
import OWNER from '@salesforce/label/c.Stance_Portfolio_Owner';
import EXIT_STEPS_DONE from '@salesforce/label/c.Stance_Portfolio_Exit_Steps_Done';
import EFFORT_COLUMN from '@salesforce/label/c.Stance_Portfolio_Effort_Column';
import YOU from '@salesforce/label/c.Stance_Portfolio_You';
import OF from '@salesforce/label/c.Stance_Portfolio_Of';
import DEALS_ONE from '@salesforce/label/c.Stance_Portfolio_Deals_One';
import DEALS_OTHER from '@salesforce/label/c.Stance_Portfolio_Deals_Other';
import CASES_ONE from '@salesforce/label/c.Stance_Portfolio_Cases_One';
import CASES_OTHER from '@salesforce/label/c.Stance_Portfolio_Cases_Other';
import EFFORT_NONE from '@salesforce/label/c.Stance_Portfolio_Effort_None';
import WINS from '@salesforce/label/c.Stance_Portfolio_Wins';
import NAMED_COUNT from '@salesforce/label/c.Stance_Portfolio_Named_Count';
import WINS_AS_OF from '@salesforce/label/c.Stance_Portfolio_Wins_As_Of';
import LEVER_TECHNICAL from '@salesforce/label/c.Stance_Portfolio_Lever_Technical';
import LEVER_PRICE from '@salesforce/label/c.Stance_Portfolio_Lever_Price';
import LEVER_SERVICE from '@salesforce/label/c.Stance_Portfolio_Lever_Service';

export const LABELS = {
  titleTeam: TITLE_TEAM,
  titleMine: TITLE_MINE,
  weekOf: WEEK_OF,
  errorLoad: ERROR_LOAD,
  loading: LOADING,
  empty: EMPTY,
  paused: PAUSED,
  mix: MIX,
  atRisk: AT_RISK,
  up: UP,
  down: DOWN,
  noChange: NO_CHANGE,
  baseline: BASELINE,
  noBaseline: NO_BASELINE,
  exitPlans: EXIT_PLANS,
  noFire: NO_FIRE,
  exitProgress: EXIT_PROGRESS,
  exitStepsOne: EXIT_STEPS_ONE,
  exitStepsOther: EXIT_STEPS_OTHER,
  accountsOne: ACCOUNTS_ONE,
  accountsOther: ACCOUNTS_OTHER,
  effort: EFFORT,
  openDealsOne: OPEN_DEALS_ONE,
  openDealsOther: OPEN_DEALS_OTHER,
  recentCasesOne: RECENT_CASES_ONE,
  recentCasesOther: RECENT_CASES_OTHER,
  effortLink: EFFORT_LINK,
  trendOne: TREND_ONE,
  trendOther: TREND_OTHER,
  lastWeeksOne: LAST_WEEKS_ONE,
  lastWeeksOther: LAST_WEEKS_OTHER,
  noSnapshot: NO_SNAPSHOT,
  trendCaption: TREND_CAPTION,
  weekColumn: WEEK_COLUMN,
  total: TOTAL,
  truncated: TRUNCATED,
  teamTruncated: TEAM_TRUNCATED,
  noSnapshots: NO_SNAPSHOTS,
  owners: OWNERS,
  byOwner: BY_OWNER,
  owner: OWNER,
  exitStepsDone: EXIT_STEPS_DONE,
  effortColumn: EFFORT_COLUMN,
  you: YOU,
  of: OF,
  dealsOne: DEALS_ONE,
  dealsOther: DEALS_OTHER,
  casesOne: CASES_ONE,
  casesOther: CASES_OTHER,
  effortNone: EFFORT_NONE,
  wins: WINS,
  namedCount: NAMED_COUNT,
  winsAsOf: WINS_AS_OF,
  leverTechnical: LEVER_TECHNICAL,
  leverPrice: LEVER_PRICE,
  leverService: LEVER_SERVICE,
};
