/**
 * The value proposition's levers on the account's open deals, so the deal that wins carries
 * them (the portfolio counts wins by Opportunity.Value_Levers__c). The deals are read and
 * written as the user (Lightning Data Service): the integration user never edits opportunities.
 */
import { gql } from 'lightning/graphql';
import { updateRecord } from 'lightning/uiRecordApi';
import OPPORTUNITY_ID from '@salesforce/schema/Opportunity.Id';
import OPPORTUNITY_VALUE_LEVERS from '@salesforce/schema/Opportunity.Value_Levers__c';
import { leverLabels } from 'c/stanceModel';
import { mayUpdate } from 'c/stanceAccess';
import { formatDate, formatLabel, listOf, plural } from 'c/stanceI18n';
import { LABELS } from './labels';

/** The account's open deals the user may read (sharing and field-level security apply), soonest first. */
export const OPEN_DEALS_QUERY = gql`
  query StanceOpenDeals($accountId: ID) {
    uiapi {
      query {
        Opportunity(
          where: { AccountId: { eq: $accountId }, IsClosed: { eq: false } }
          orderBy: { CloseDate: { order: ASC }, Name: { order: ASC } }
          first: 50
        ) {
          edges {
            node {
              Id
              Name {
                value
              }
              StageName {
                value
                displayValue
              }
              CloseDate {
                value
              }
              Value_Levers__c {
                value
              }
            }
          }
        }
      }
    }
  }
`;

/** Whether the user may set the levers on opportunities (object and field edit, from object info). */
export function mayRecordOnDeals(opportunityInfo) {
  return mayUpdate(opportunityInfo, [OPPORTUNITY_VALUE_LEVERS]);
}

const valueOf = (field) => (field ? field.value : null);

/** The open deals of a `graphql` wire result: id, name, stage, close day and their levers now. */
export function openDeals(result) {
  const connection = result && result.data && result.data.uiapi.query.Opportunity;
  return (connection ? connection.edges : []).map(({ node }) => ({
    id: node.Id,
    name: valueOf(node.Name),
    stage: (node.StageName && (node.StageName.displayValue || node.StageName.value)) || '',
    closeDate: valueOf(node.CloseDate),
    levers: valueOf(node.Value_Levers__c),
  }));
}

/** The deals ticked before the user changes anything: those without levers yet. */
export function dealsTickedByDefault(deals) {
  return deals.filter((deal) => !deal.levers).map((deal) => deal.id);
}

/**
 * What the step form shows of the deals: the question (null without open deals, so it says
 * nothing extra), one option per deal with its stage, close day and the levers it has now.
 */
export function dealQuestion(result, leverOptions) {
  if (result && result.errors) {
    return { failed: true, errors: result.errors };
  }
  if (!result || !result.data) {
    return { loading: true };
  }
  const deals = openDeals(result);
  if (deals.length === 0) {
    return null;
  }
  return {
    label: plural(deals.length, LABELS.dealsQuestionOne, LABELS.dealsQuestionOther),
    options: deals.map((deal) => {
      const levers = leverLabels(deal.levers, leverOptions);
      const close = deal.closeDate ? formatDate(deal.closeDate) : '';
      return {
        value: deal.id,
        label: levers.length
          ? formatLabel(LABELS.dealOptionLevers, deal.name, deal.stage, close, listOf(levers))
          : formatLabel(LABELS.dealOption, deal.name, deal.stage, close),
      };
    }),
  };
}

/**
 * Writes the levers on each ticked deal as the user, one updateRecord each, and answers what
 * happened: the deals written, and those the org refused with its error (not the user's
 * opportunity, field-level security, a validation rule), so one refusal costs no other deal.
 */
export async function recordOnDeals(deals, tickedIds, value) {
  const ticked = deals.filter((deal) => tickedIds.includes(deal.id));
  const outcomes = await Promise.allSettled(
    ticked.map((deal) =>
      updateRecord({
        fields: { [OPPORTUNITY_ID.fieldApiName]: deal.id, [OPPORTUNITY_VALUE_LEVERS.fieldApiName]: value },
      }),
    ),
  );
  const recorded = [];
  const refused = [];
  outcomes.forEach((outcome, index) => {
    if (outcome.status === 'fulfilled') {
      recorded.push(ticked[index]);
    } else {
      refused.push({ deal: ticked[index], error: outcome.reason });
    }
  });
  return { recorded, refused };
}

/** The success toast's words: "Levers recorded on 2 open deals" and the deals by name. */
export function recordedToast(recorded) {
  return {
    title: plural(recorded.length, LABELS.dealsRecordedOne, LABELS.dealsRecordedOther),
    message: listOf(recorded.map((deal) => deal.name)),
  };
}

/** "The levers were not recorded on “A”" (the toast's message says why, in the org's words). */
export function refusedTitle(deal) {
  return formatLabel(LABELS.dealNotRecorded, deal.name);
}
