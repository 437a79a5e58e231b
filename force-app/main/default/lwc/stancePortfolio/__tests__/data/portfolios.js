/**
 * Portfolio answers built from the fixtures: one Fire group for a rep, as both the owner's groups
 * and the team's (a team of one), with the numbers a test needs.
 */
function onlyFire(portfolio, numbers) {
  const group = portfolio.uiapi.aggregate.byOwner.edges.find((edge) => edge.node.aggregate.Stance__c.value === 'Fire');
  const aggregate = { ...group.node.aggregate, ...numbers };
  const { OwnerId, ...teamGroup } = aggregate; // eslint-disable-line no-unused-vars
  return {
    uiapi: {
      ...portfolio.uiapi,
      aggregate: {
        byOwner: { edges: [{ node: { aggregate } }], pageInfo: { hasNextPage: false } },
        team: { edges: [{ node: { aggregate: teamGroup } }] },
      },
    },
  };
}

/** The same answer, with the org saying it left groups or owners out. */
function cut(answer, connection) {
  const aggregate = answer.uiapi.aggregate;
  return {
    uiapi: {
      ...answer.uiapi,
      aggregate: {
        ...aggregate,
        [connection]: { ...aggregate[connection], pageInfo: { hasNextPage: true, endCursor: 'djE6MTc=' } },
      },
    },
  };
}

module.exports = { onlyFire, cut };
