/** The conformance target for this run: a real org under test:org, else a local org started in process. */
import { startLocalTarget } from './localTarget';
import { orgTarget } from './orgTarget';
import { againstRealOrg } from './target';
import type { ConformanceTarget } from './target';

export function conformanceTarget(env: NodeJS.ProcessEnv = process.env): Promise<ConformanceTarget> {
  return againstRealOrg(env) ? Promise.resolve(orgTarget(env)) : startLocalTarget();
}
