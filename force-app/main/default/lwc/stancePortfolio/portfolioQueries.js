import { gql } from 'lightning/graphql';

/**
 * The snapshots the user may read since a day (the object is Private: the user's own and those
 * of everyone below them in the role hierarchy), newest first, so that past 2,000 (a daily
 * snapshot for more than 35 owners over 8 weeks) the oldest days are the ones left out.
 */
export const SNAPSHOTS_QUERY = gql`
  query PortfolioSnapshots($since: Date) {
    uiapi {
      query {
        Stance_Portfolio_Snapshot__c(
          where: { Snapshot_Date__c: { gte: { value: $since } } }
          orderBy: { Snapshot_Date__c: { order: DESC } }
          first: 2000
        ) {
          edges {
            node {
              Id
              OwnerId {
                value
              }
              Snapshot_Date__c {
                value
              }
              Attack__c {
                value
              }
              Defend__c {
                value
              }
              At_Risk__c {
                value
              }
              Fire__c {
                value
              }
              None__c {
                value
              }
              Wins_Technical__c {
                value
              }
              Wins_Price__c {
                value
              }
              Wins_Service__c {
                value
              }
            }
          }
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  }
`;

/**
 * The owners' accounts now, grouped by owner, stance and at risk (up to 8 groups an owner), and
 * the owners' names. GraphQL answers 10 rows unless asked for more: `first` asks for all.
 */
export const PORTFOLIO_QUERY = gql`
  query Portfolio($owners: [ID]) {
    uiapi {
      aggregate {
        Account(
          where: { OwnerId: { in: $owners } }
          groupBy: { OwnerId: { group: true }, Stance__c: { group: true }, At_Risk__c: { group: true } }
          first: 2000
        ) {
          edges {
            node {
              aggregate {
                OwnerId {
                  value
                }
                Stance__c {
                  value
                }
                At_Risk__c {
                  value
                }
                Id {
                  count {
                    value
                  }
                }
                Stance_Plan_Steps__c {
                  sum {
                    value
                  }
                }
                Stance_Plan_Steps_Done__c {
                  sum {
                    value
                  }
                }
                Stance_Open_Deals__c {
                  sum {
                    value
                  }
                }
                Stance_Recent_Cases__c {
                  sum {
                    value
                  }
                }
                Stance_Open_Pipeline__c {
                  sum {
                    value
                  }
                }
              }
            }
          }
        }
      }
      query {
        User(where: { Id: { in: $owners } }, first: 2000) {
          edges {
            node {
              Id
              Name {
                value
              }
            }
          }
        }
      }
    }
  }
`;
