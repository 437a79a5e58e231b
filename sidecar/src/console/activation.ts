/**
 * Activating a rule set as the signed-in admin: checked with the engine's compiler, compared with
 * the org's rules (read as the admin) by fingerprint, the changed and new records written through
 * the Metadata API in one all-or-none call, the change kept in the org (Stance_Rule_Change__c),
 * and the sidecar told to adopt it at once. When the set found in the org is not the one History
 * last kept (the console's first activation, or an edit in Setup since), it is kept first, as an
 * entry of its own, so a roll back to it is possible.
 */
import type { MetadataRecords, RuleProblem } from '../domain';
import type { AdminOrg } from '../salesforce/adminOrg';
import { compileRuleSet, fingerprintOf } from '../sync/rules';
import { planActivation } from './changes';

/** Salesforce's CRUD-based Metadata API calls take at most 10 components each. */
export const MAX_RECORDS_PER_CALL = 10;

export interface ActivationRequest {
  readonly draft: MetadataRecords;
  readonly baseFingerprint: string;
  readonly reason: string;
  readonly kind: 'Activation' | 'Rollback';
  readonly rolledBackTo?: string;
}

export type ActivationAnswer =
  | { readonly status: 200; readonly body: { fingerprint: string; historyId: string } }
  | { readonly status: 422; readonly body: { error: string; problems?: readonly RuleProblem[] } }
  | { readonly status: 400 | 409; readonly body: { error: string; fingerprint?: string } };

export interface Adopter {
  /** Reads the rules now and adopts them (the sidecar's own read, as the integration user). */
  adoptRulesNow(): Promise<void>;
}

export const FOUND_REASON =
  'The rules found in the org before the next change (set up outside the console): kept so they can be rolled back to.';

const NO_CHANGE = { added: [], removed: [], changed: [] };

export async function activate(
  org: Pick<AdminOrg, 'readRules' | 'upsertCustomMetadata' | 'createRuleChange' | 'ruleChanges'>,
  sync: Adopter,
  request: ActivationRequest,
  onAdoptFailed: (error: unknown) => void,
): Promise<ActivationAnswer> {
  const candidate = compileRuleSet(request.draft);
  if (candidate.problems.length > 0 || !candidate.compiled) {
    return { status: 422, body: { error: 'the rule set has problems: fix them first', problems: candidate.problems } };
  }
  const inOrg = await org.readRules();
  const current = fingerprintOf(inOrg);
  if (current !== request.baseFingerprint) {
    return {
      status: 409,
      body: {
        error: 'the rules changed in the org since this draft was opened: reload the rules in force and draft again',
        fingerprint: current,
      },
    };
  }
  const plan = planActivation(inOrg, request.draft);
  if (plan.cannotRemove.length > 0) {
    return {
      status: 422,
      body: {
        error: `a trigger cannot be removed, only weighted 0 (Weight__c): ${plan.cannotRemove.join(', ')}`,
      },
    };
  }
  if (plan.writes.length === 0) {
    return { status: 400, body: { error: 'nothing to activate: the draft is the rule set in force' } };
  }
  if (plan.writes.length > MAX_RECORDS_PER_CALL) {
    return {
      status: 422,
      body: {
        error: `this change writes ${plan.writes.length} records; Salesforce writes at most ${MAX_RECORDS_PER_CALL} in one all-or-none call: activate it in smaller steps`,
      },
    };
  }
  const [latest] = await org.ruleChanges({ limit: 1 });
  await org.upsertCustomMetadata(plan.writes);
  if (latest?.fingerprint !== current) {
    const kept = latest?.ruleSet ? (JSON.parse(latest.ruleSet) as MetadataRecords) : null;
    await org.createRuleChange({
      reason: FOUND_REASON,
      diff: kept ? planActivation(kept, inOrg).diff : NO_CHANGE,
      ruleSet: inOrg,
      fingerprint: current,
      kind: 'Activation',
    });
  }
  // What the org holds now, as the admin reads it: the next draft's base.
  const after = await org.readRules();
  const fingerprint = fingerprintOf(after);
  const historyId = await org.createRuleChange({
    reason: request.reason,
    diff: plan.diff,
    ruleSet: after,
    fingerprint,
    kind: request.kind,
    rolledBackTo: request.rolledBackTo,
  });
  try {
    await sync.adoptRulesNow();
  } catch (error) {
    // Written and kept: the next poll adopts it. Said in the log, not as a failed activation.
    onAdoptFailed(error);
  }
  return { status: 200, body: { fingerprint, historyId } };
}
