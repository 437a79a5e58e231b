import { gql } from 'lightning/graphql';

/**
 * The snapshots the user may read since a day (the object is Private: the user's own and those of
 * everyone below them in the role hierarchy), as aggregates, so the answer does not grow with the
 * team: `days` sums each day's snapshots and counts their owners (at most 56 groups for 8 weeks),
 * `owners` names the owners who had one (the team, as sharing defines it), in OwnerId order.
 */
export const SNAPSHOTS_QUERY = gql`
  query PortfolioSnapshots($since: Date) {
    uiapi {
      aggregate {
        days: Stance_Portfolio_Snapshot__c(
          where: { Snapshot_Date__c: { gte: { value: $since } } }
          groupBy: { Snapshot_Date__c: { group: true } }
          first: 2000
        ) {
          edges {
            node {
              aggregate {
                Snapshot_Date__c {
                  value
                }
                Id {
                  count {
                    value
                  }
                }
                Attack__c {
                  sum {
                    value
                  }
                }
                Defend__c {
                  sum {
                    value
                  }
                }
                Fire__c {
                  sum {
                    value
                  }
                }
                None__c {
                  sum {
                    value
                  }
                }
                At_Risk__c {
                  sum {
                    value
                  }
                }
                Wins_Technical__c {
                  sum {
                    value
                  }
                }
                Wins_Price__c {
                  sum {
                    value
                  }
                }
                Wins_Service__c {
                  sum {
                    value
                  }
                }
              }
            }
          }
        }
        owners: Stance_Portfolio_Snapshot__c(
          where: { Snapshot_Date__c: { gte: { value: $since } } }
          groupBy: { OwnerId: { group: true } }
          orderBy: { OwnerId: { order: ASC } }
          first: 2000
        ) {
          edges {
            node {
              aggregate {
                OwnerId {
                  value
                }
              }
            }
          }
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
 * The owners' accounts now: `byOwner` grouped by owner, stance and at risk (up to 8 groups an
 * owner, in OwnerId order, so a page cut leaves out whole owners but the last), `team` by stance and
 * at risk alone (8 groups at most, whatever the team's size), and the owners' names. GraphQL answers
 * 10 rows unless asked for more: `first` asks for all.
 */
export const PORTFOLIO_QUERY = gql`
  query Portfolio($owners: [ID]) {
    uiapi {
      aggregate {
        byOwner: Account(
          where: { OwnerId: { in: $owners } }
          groupBy: { OwnerId: { group: true }, Stance__c: { group: true }, At_Risk__c: { group: true } }
          orderBy: { OwnerId: { order: ASC } }
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
          pageInfo {
            hasNextPage
          }
        }
        team: Account(
          where: { OwnerId: { in: $owners } }
          groupBy: { Stance__c: { group: true }, At_Risk__c: { group: true } }
          first: 2000
        ) {
          edges {
            node {
              aggregate {
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
