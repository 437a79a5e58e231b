/**
 * Facts as people read them: "if the account were outside the strategy", "the number of open
 * cases: 2". Built from the explanation's `comparison` (one fact against a literal) with the
 * package's labels: a clause for each boolean fact, a noun for the others with a comparison
 * label, values in the user's locale. Anything else falls back to the rule's own words.
 */
import { formatDate, formatLabel, formatMoney, formatNumber } from 'c/stanceI18n';
import { stanceName, triggerLabel } from './words';
import VALUE from '@salesforce/label/c.Stance_Fact_Value';
import OP_EQ from '@salesforce/label/c.Stance_Fact_Op_Eq';
import OP_NE from '@salesforce/label/c.Stance_Fact_Op_Ne';
import OP_LT from '@salesforce/label/c.Stance_Fact_Op_Lt';
import OP_LE from '@salesforce/label/c.Stance_Fact_Op_Le';
import OP_GT from '@salesforce/label/c.Stance_Fact_Op_Gt';
import OP_GE from '@salesforce/label/c.Stance_Fact_Op_Ge';
import OP_DATE_LT from '@salesforce/label/c.Stance_Fact_Op_Date_Lt';
import OP_DATE_LE from '@salesforce/label/c.Stance_Fact_Op_Date_Le';
import OP_DATE_GT from '@salesforce/label/c.Stance_Fact_Op_Date_Gt';
import OP_DATE_GE from '@salesforce/label/c.Stance_Fact_Op_Date_Ge';
import TRIGGER_PRESENT from '@salesforce/label/c.Stance_Fact_Trigger_Present';
import TRIGGER_ABSENT from '@salesforce/label/c.Stance_Fact_Trigger_Absent';
import YES from '@salesforce/label/c.Stance_Common_Yes';
import NO from '@salesforce/label/c.Stance_Common_No';
import NONE from '@salesforce/label/c.Stance_Common_None';
import RECENT_ACTIVITY from '@salesforce/label/c.Stance_Fact_Recent_Activity';
import RECENT_ACTIVITY_TRUE from '@salesforce/label/c.Stance_Fact_Recent_Activity_True';
import RECENT_ACTIVITY_FALSE from '@salesforce/label/c.Stance_Fact_Recent_Activity_False';
import STRATEGIC_ACCOUNT from '@salesforce/label/c.Stance_Fact_Strategic_Account';
import STRATEGIC_ACCOUNT_TRUE from '@salesforce/label/c.Stance_Fact_Strategic_Account_True';
import STRATEGIC_ACCOUNT_FALSE from '@salesforce/label/c.Stance_Fact_Strategic_Account_False';
import IS_CUSTOMER from '@salesforce/label/c.Stance_Fact_Is_Customer';
import IS_CUSTOMER_TRUE from '@salesforce/label/c.Stance_Fact_Is_Customer_True';
import IS_CUSTOMER_FALSE from '@salesforce/label/c.Stance_Fact_Is_Customer_False';
import IN_TARGET_INDUSTRY from '@salesforce/label/c.Stance_Fact_In_Target_Industry';
import IN_TARGET_INDUSTRY_TRUE from '@salesforce/label/c.Stance_Fact_In_Target_Industry_True';
import IN_TARGET_INDUSTRY_FALSE from '@salesforce/label/c.Stance_Fact_In_Target_Industry_False';
import IN_TARGET_REGION from '@salesforce/label/c.Stance_Fact_In_Target_Region';
import IN_TARGET_REGION_TRUE from '@salesforce/label/c.Stance_Fact_In_Target_Region_True';
import IN_TARGET_REGION_FALSE from '@salesforce/label/c.Stance_Fact_In_Target_Region_False';
import IN_STRATEGY from '@salesforce/label/c.Stance_Fact_In_Strategy';
import IN_STRATEGY_TRUE from '@salesforce/label/c.Stance_Fact_In_Strategy_True';
import IN_STRATEGY_FALSE from '@salesforce/label/c.Stance_Fact_In_Strategy_False';
import LARGE_ACCOUNT from '@salesforce/label/c.Stance_Fact_Large_Account';
import LARGE_ACCOUNT_TRUE from '@salesforce/label/c.Stance_Fact_Large_Account_True';
import LARGE_ACCOUNT_FALSE from '@salesforce/label/c.Stance_Fact_Large_Account_False';
import TYPE from '@salesforce/label/c.Stance_Fact_Type';
import INDUSTRY from '@salesforce/label/c.Stance_Fact_Industry';
import BILLING_COUNTRY from '@salesforce/label/c.Stance_Fact_BillingCountry';
import BILLING_STATE from '@salesforce/label/c.Stance_Fact_BillingState';
import ANNUAL_REVENUE from '@salesforce/label/c.Stance_Fact_AnnualRevenue';
import NUMBER_OF_EMPLOYEES from '@salesforce/label/c.Stance_Fact_NumberOfEmployees';
import RATING from '@salesforce/label/c.Stance_Fact_Rating';
import LAST_ACTIVITY_DATE from '@salesforce/label/c.Stance_Fact_Last_Activity_Date';
import OVERRIDE_STANCE from '@salesforce/label/c.Stance_Fact_Override_Stance';
import OPEN_PIPELINE from '@salesforce/label/c.Stance_Fact_Open_Pipeline';
import OPEN_OPPORTUNITY_COUNT from '@salesforce/label/c.Stance_Fact_Open_Opportunity_Count';
import WON_AMOUNT from '@salesforce/label/c.Stance_Fact_Won_Amount';
import WON_COUNT from '@salesforce/label/c.Stance_Fact_Won_Count';
import LAST_WON_DATE from '@salesforce/label/c.Stance_Fact_Last_Won_Date';
import LOST_TO_COMPETITOR_COUNT from '@salesforce/label/c.Stance_Fact_Lost_To_Competitor_Count';
import COMPETITOR_COUNT from '@salesforce/label/c.Stance_Fact_Competitor_Count';
import COMPETITOR_SIGNAL_COUNT from '@salesforce/label/c.Stance_Fact_Competitor_Signal_Count';
import OPEN_CASE_COUNT from '@salesforce/label/c.Stance_Fact_Open_Case_Count';
import RECENT_CASE_COUNT from '@salesforce/label/c.Stance_Fact_Recent_Case_Count';
import LAST_CASE_DATE from '@salesforce/label/c.Stance_Fact_Last_Case_Date';
import CONTACT_COUNT from '@salesforce/label/c.Stance_Fact_Contact_Count';
import KEY_CONTACT_COUNT from '@salesforce/label/c.Stance_Fact_Key_Contact_Count';
import KEY_CONTACTS_ADDED from '@salesforce/label/c.Stance_Fact_Key_Contacts_Added';
import KEY_CONTACTS_LEFT from '@salesforce/label/c.Stance_Fact_Key_Contacts_Left';
import KEY_CONTACTS_RETITLED from '@salesforce/label/c.Stance_Fact_Key_Contacts_Retitled';
import OPEN_SIGNAL_COUNT from '@salesforce/label/c.Stance_Fact_Open_Signal_Count';
import REPORTING_DEPARTMENTS from '@salesforce/label/c.Stance_Fact_Reporting_Departments';
import MONITORED_DEPARTMENT_COUNT from '@salesforce/label/c.Stance_Fact_Monitored_Department_Count';
import SILENT_DEPARTMENT_COUNT from '@salesforce/label/c.Stance_Fact_Silent_Department_Count';
import MARKET_THREATS from '@salesforce/label/c.Stance_Fact_Market_Threats';
import MARKET_COMPETITIVE_THREATS from '@salesforce/label/c.Stance_Fact_Market_Competitive_Threats';
import MARKET_ENVIRONMENT_THREATS from '@salesforce/label/c.Stance_Fact_Market_Environment_Threats';
import MARKET_MACRO_THREATS from '@salesforce/label/c.Stance_Fact_Market_Macro_Threats';
import MARKET_OPPORTUNITIES from '@salesforce/label/c.Stance_Fact_Market_Opportunities';
import OPENING_COUNT from '@salesforce/label/c.Stance_Fact_Opening_Count';
import OPENING_WEIGHT from '@salesforce/label/c.Stance_Fact_Opening_Weight';
import THREAT_COUNT from '@salesforce/label/c.Stance_Fact_Threat_Count';
import THREAT_WEIGHT from '@salesforce/label/c.Stance_Fact_Threat_Weight';
import CONFIRMED_THREAT_COUNT from '@salesforce/label/c.Stance_Fact_Confirmed_Threat_Count';
import MISALIGNMENT_COUNT from '@salesforce/label/c.Stance_Fact_Misalignment_Count';
import MISALIGNMENT_WEIGHT from '@salesforce/label/c.Stance_Fact_Misalignment_Weight';

/** Boolean facts: their noun, and the clause after "if" for true and for false. */
const BOOLEAN_FACTS = {
  Recent_Activity: { noun: RECENT_ACTIVITY, true: RECENT_ACTIVITY_TRUE, false: RECENT_ACTIVITY_FALSE },
  Strategic_Account: { noun: STRATEGIC_ACCOUNT, true: STRATEGIC_ACCOUNT_TRUE, false: STRATEGIC_ACCOUNT_FALSE },
  Is_Customer: { noun: IS_CUSTOMER, true: IS_CUSTOMER_TRUE, false: IS_CUSTOMER_FALSE },
  In_Target_Industry: { noun: IN_TARGET_INDUSTRY, true: IN_TARGET_INDUSTRY_TRUE, false: IN_TARGET_INDUSTRY_FALSE },
  In_Target_Region: { noun: IN_TARGET_REGION, true: IN_TARGET_REGION_TRUE, false: IN_TARGET_REGION_FALSE },
  In_Strategy: { noun: IN_STRATEGY, true: IN_STRATEGY_TRUE, false: IN_STRATEGY_FALSE },
  Large_Account: { noun: LARGE_ACCOUNT, true: LARGE_ACCOUNT_TRUE, false: LARGE_ACCOUNT_FALSE },
};

/** The other facts: their noun ("the number of open cases"). */
const NOUNS = {
  Type: TYPE,
  Industry: INDUSTRY,
  BillingCountry: BILLING_COUNTRY,
  BillingState: BILLING_STATE,
  AnnualRevenue: ANNUAL_REVENUE,
  NumberOfEmployees: NUMBER_OF_EMPLOYEES,
  Rating: RATING,
  Last_Activity_Date: LAST_ACTIVITY_DATE,
  Override_Stance: OVERRIDE_STANCE,
  Open_Pipeline: OPEN_PIPELINE,
  Open_Opportunity_Count: OPEN_OPPORTUNITY_COUNT,
  Won_Amount: WON_AMOUNT,
  Won_Count: WON_COUNT,
  Last_Won_Date: LAST_WON_DATE,
  Lost_To_Competitor_Count: LOST_TO_COMPETITOR_COUNT,
  Competitor_Count: COMPETITOR_COUNT,
  Competitor_Signal_Count: COMPETITOR_SIGNAL_COUNT,
  Open_Case_Count: OPEN_CASE_COUNT,
  Recent_Case_Count: RECENT_CASE_COUNT,
  Last_Case_Date: LAST_CASE_DATE,
  Contact_Count: CONTACT_COUNT,
  Key_Contact_Count: KEY_CONTACT_COUNT,
  Key_Contacts_Added: KEY_CONTACTS_ADDED,
  Key_Contacts_Left: KEY_CONTACTS_LEFT,
  Key_Contacts_Retitled: KEY_CONTACTS_RETITLED,
  Open_Signal_Count: OPEN_SIGNAL_COUNT,
  Reporting_Departments: REPORTING_DEPARTMENTS,
  Monitored_Department_Count: MONITORED_DEPARTMENT_COUNT,
  Silent_Department_Count: SILENT_DEPARTMENT_COUNT,
  Market_Threats: MARKET_THREATS,
  Market_Competitive_Threats: MARKET_COMPETITIVE_THREATS,
  Market_Environment_Threats: MARKET_ENVIRONMENT_THREATS,
  Market_Macro_Threats: MARKET_MACRO_THREATS,
  Market_Opportunities: MARKET_OPPORTUNITIES,
  Opening_Count: OPENING_COUNT,
  Opening_Weight: OPENING_WEIGHT,
  Threat_Count: THREAT_COUNT,
  Threat_Weight: THREAT_WEIGHT,
  Confirmed_Threat_Count: CONFIRMED_THREAT_COUNT,
  Misalignment_Count: MISALIGNMENT_COUNT,
  Misalignment_Weight: MISALIGNMENT_WEIGHT,
};

/** Facts that are amounts of money, shown in the user's currency. */
const MONEY = new Set(['AnnualRevenue', 'Open_Pipeline', 'Won_Amount']);
/** Facts whose value is a stance (an API value people read by its name). */
const STANCE_VALUED = new Set(['Override_Stance']);

const OPS = { '=': OP_EQ, '!=': OP_NE, '<': OP_LT, '<=': OP_LE, '>': OP_GT, '>=': OP_GE };
const DATE_OPS = { '<': OP_DATE_LT, '<=': OP_DATE_LE, '>': OP_DATE_GT, '>=': OP_DATE_GE };

/** Competitor_Approach -> COMPETITOR_APPROACH: the trigger a presence fact names. */
function triggerCode(fact) {
  return String(fact).toUpperCase();
}

/** A fact's value as the user's locale writes it. */
export function factValue(fact, value) {
  if (value === null || value === undefined) {
    return NONE;
  }
  if (typeof value === 'boolean') {
    return value ? YES : NO;
  }
  if (typeof value === 'number') {
    return MONEY.has(fact) ? formatMoney(value) : formatNumber(value);
  }
  if (STANCE_VALUED.has(fact)) {
    return stanceName(value);
  }
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : String(value);
}

/** A fact's noun, capitalised to start a phrase: "The number of threats", "Inside the strategy". */
export function factName(fact, storedLabels = {}) {
  const code = triggerCode(fact);
  const trigger = triggerLabel(code, storedLabels[code]);
  const noun = (BOOLEAN_FACTS[fact] && BOOLEAN_FACTS[fact].noun) || NOUNS[fact] || (trigger !== code && trigger);
  const name = noun || String(fact);
  return name && name[0].toUpperCase() + name.slice(1);
}

/** "The number of threats: 2 · Inside the strategy: no" */
export function describeFactValues(facts, storedLabels = {}) {
  return Object.entries(facts || {})
    .map(([fact, value]) => formatLabel(VALUE, factName(fact, storedLabels), factValue(fact, value)))
    .join(' · ');
}

/** Whether a boolean comparison asks for true: `= true` and `!= false` do. */
function wantsTrue({ op, value }) {
  return (op === '=') === (value === true);
}

/**
 * The clause after "if" for one fact compared with a literal ("the account were outside the
 * strategy", "the number of open cases were at least 3", "Competitor approach were reported"),
 * or null when the package has no words for the fact or the comparison (the caller then shows
 * the rule's own text). `storedLabels` are the trigger labels the explanation carries, for
 * trigger codes the package does not know.
 */
export function describeComparison(comparison, storedLabels = {}) {
  if (!comparison || !comparison.fact || !OPS[comparison.op]) {
    return null;
  }
  const { fact, type, op, value } = comparison;
  if (type === 'boolean') {
    if ((op !== '=' && op !== '!=') || typeof value !== 'boolean') {
      return null;
    }
    const clause = BOOLEAN_FACTS[fact];
    if (clause) {
      return wantsTrue(comparison) ? clause.true : clause.false;
    }
    if (NOUNS[fact]) {
      return null;
    }
    const code = triggerCode(fact);
    const trigger = triggerLabel(code, storedLabels[code]);
    if (trigger === code) {
      return null;
    }
    return formatLabel(wantsTrue(comparison) ? TRIGGER_PRESENT : TRIGGER_ABSENT, trigger);
  }
  const noun = NOUNS[fact];
  if (!noun) {
    return null;
  }
  const template = (type === 'date' && DATE_OPS[op]) || OPS[op];
  return formatLabel(template, noun, factValue(fact, value));
}
