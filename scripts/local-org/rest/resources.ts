/** The API's own description: its versions, the resources of a version, and the org's limits. */
import { ApiError } from '../errors';
import type { LocalOrg } from '../org';
import { route } from './call';
import type { Route } from './call';

const API_VERSIONS = Array.from({ length: 66 - 31 + 1 }, (_, i) => `${31 + i}.0`);

/** GET /services/data: every version the org speaks. */
export function apiVersions() {
  return API_VERSIONS.map((version) => ({ label: `Version ${version}`, url: `/services/data/v${version}`, version }));
}

export function resourceRoutes(org: LocalOrg): Route[] {
  return [
    route('GET', /^\/?$/, (_m, _q, _b, c) => ({ status: 200, body: resources(c.apiVersion) })),
    // Salesforce serves /limits only "for API users with the View Setup and Configuration permission".
    route('GET', /^\/limits\/?$/, (_m, _q, _b, c) => {
      if (!org.access.rightsOf(c.session.userId).has('ViewSetup'))
        throw new ApiError(403, 'INSUFFICIENT_ACCESS', 'The View Setup and Configuration permission is required.');
      return { status: 200, body: limits(org) };
    }),
  ];
}

function resources(version: string) {
  const base = `/services/data/v${version}`;
  return Object.fromEntries(
    ['sobjects', 'query', 'queryAll', 'limits', 'composite', 'actions', 'tooling', 'ui-api', 'jobs'].map((name) => [
      name,
      `${base}/${name}`,
    ]),
  );
}

function limits(org: LocalOrg) {
  const { used, limit } = { used: org.accounting.used, limit: org.accounting.limit };
  return {
    DailyApiRequests: { Max: limit, Remaining: Math.max(0, limit - used) },
    DailyBulkV2QueryJobs: { Max: 10000, Remaining: 10000 },
    DailyBulkV2QueryFileStorageMB: { Max: 976562, Remaining: 976562 },
    DailyDeliveredPlatformEvents: {
      Max: org.eventDeliveries.limit,
      Remaining: Math.max(0, org.eventDeliveries.limit - org.eventDeliveries.used),
    },
    DataStorageMB: { Max: 1024, Remaining: 1024 },
  };
}
