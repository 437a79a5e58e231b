/**
 * The REST API under /services/data/vNN.0 as one table of routes: express serves it, and
 * /composite runs each subrequest through it. Each route module owns its paths; this file only
 * says which modules are mounted, in the order their patterns are tried.
 */
import { notFound, sqliteLimitError } from '../errors';
import type { LocalOrg } from '../org';
import { bulk2Routes } from './bulk2';
import type { Answer, CallContext, Route } from './call';
import { collectionRoutes } from './collections';
import { compositeRoutes } from './composite';
import { describeRoutes } from './describe';
import { graphqlRoutes } from './graphql/graphql';
import { listViewRoutes, ListViews } from './listViews/listViews';
import { notificationRoutes } from './notifications';
import { queryRoutes } from './query';
import { recordRoutes } from './records';
import { resourceRoutes } from './resources';
import { toolingRoutes } from './tooling';
import { UiApi, uiApiRoutes } from './uiApi';

export class RestRouter {
  private readonly routes: readonly Route[];

  constructor(org: LocalOrg) {
    const ui = new UiApi(org);
    this.routes = [
      ...toolingRoutes(org),
      ...resourceRoutes(org),
      ...queryRoutes(org),
      ...describeRoutes(org),
      ...recordRoutes(org),
      ...collectionRoutes(org),
      ...compositeRoutes(org, (...request) => this.dispatch(...request)),
      ...bulk2Routes(org),
      ...notificationRoutes(org),
      // The UI API (/ui-api/...), what Lightning Data Service calls for the components.
      ...uiApiRoutes(org, ui),
      // The UI API GraphQL endpoint (/graphql), what lightning/graphql calls.
      ...graphqlRoutes(org),
      ...listViewRoutes(new ListViews(org, ui)),
    ];
  }

  dispatch(method: string, path: string, query: URLSearchParams, body: unknown, context: CallContext): Answer {
    for (const route of this.routes) {
      if (route.method !== method.toUpperCase()) continue;
      const match = route.pattern.exec(path);
      if (!match) continue;
      try {
        return route.handle(match, query, body, context);
      } catch (error) {
        // SQLite's limits (a huge IN list, thousands of ORs) as Salesforce's errors, also in /composite.
        throw sqliteLimitError(error) ?? error;
      }
    }
    throw notFound(`The requested resource does not exist`);
  }
}
