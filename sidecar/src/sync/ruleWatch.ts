/**
 * The rules in force: read from custom metadata at start and on every poll. A valid change takes
 * over (and everything is classified again); an invalid one is refused, the admins told, and
 * the last good set stays, from the mirror when the sidecar starts on invalid rules.
 */
import type { CompiledConfig, MetadataRecords } from '../domain';
import type { SyncContext } from './context';
import type { Notices } from './notices';
import { compileRuleSet, describeProblems } from './rules';
import type { RuleSet } from './rules';
import { ruleHits, simulate } from './simulate';
import type { RefusedRules } from './view';
import type { SimulationResult } from './simulate';

const RULES_SETTING = 'rules';
/** How long the console's per-rule counts are reused under the same rules. */
const DECIDES_FRESH_MS = 60_000;

export class RuleWatch {
  private inForce: RuleSet | null = null;
  private refusedSet: RefusedRules | null = null;
  /** The latest pass counting what each rule decides (decides()), shared while fresh. */
  private decidesPass: { fingerprint: string; startedAt: number; counts: Promise<Record<string, number>> } | null =
    null;
  /** Polls one after another, so an older read is never adopted after a newer one. */
  private polling: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: SyncContext,
    private readonly notices: Notices,
    /** A new valid set replaced the one in force. */
    private readonly onReplaced: () => void,
  ) {}

  get rules(): RuleSet | null {
    return this.inForce;
  }

  /** The latest rule set the sidecar refused, with its problems; cleared by a valid one. */
  get refused(): RefusedRules | null {
    return this.refusedSet;
  }

  /** The compiled rules in force; throws before any valid set was read. */
  compiled(): CompiledConfig {
    if (!this.inForce?.compiled) throw new Error('no rules in force');
    return this.inForce.compiled;
  }

  /** Reads the rules; a valid change takes over and recomputes everything, an invalid one is refused. */
  poll({ initial }: { initial: boolean }): Promise<void> {
    const next = this.polling.then(async () => this.adopt(await this.ctx.org.readRules(), initial));
    this.polling = next.catch(() => undefined);
    return next;
  }

  /** Reads the rules now, out of turn (the console activated a set): adopted and recomputed at once. */
  pollNow(): Promise<void> {
    return this.poll({ initial: false });
  }

  /**
   * How many accounts each rule in force decides now, by DeveloperName: a pass over the mirror, in
   * turns. At a million accounts a pass takes most of a minute, so one pass serves every console
   * page open meanwhile and its counts are kept for DECIDES_FRESH_MS under the same rules.
   */
  decides(): Promise<Record<string, number>> {
    const fingerprint = this.inForce?.fingerprint ?? '';
    const kept = this.decidesPass;
    if (kept && kept.fingerprint === fingerprint && this.ctx.clock.realNow() - kept.startedAt < DECIDES_FRESH_MS)
      return kept.counts;
    const counts = ruleHits(this.ctx.mirror, this.compiled(), this.ctx.clock.now());
    this.decidesPass = { fingerprint, startedAt: this.ctx.clock.realNow(), counts };
    // A failed pass is not kept: the next page asks again.
    counts.catch(() => {
      if (this.decidesPass?.counts === counts) this.decidesPass = null;
    });
    return counts;
  }

  /** Rules simulation: a candidate set against the mirror; nothing is written. */
  async simulate(records: MetadataRecords): Promise<{ problems: string[] } | SimulationResult> {
    const candidate = compileRuleSet(records);
    if (!candidate.compiled) return { problems: describeProblems(candidate.problems) };
    return simulate(this.ctx.mirror, this.compiled(), candidate.compiled, this.ctx.clock.now());
  }

  private async adopt(records: MetadataRecords, initial: boolean): Promise<void> {
    const { mirror, log, metrics } = this.ctx;
    const candidate = compileRuleSet(records);
    if (candidate.fingerprint === this.inForce?.fingerprint) {
      // Back to the set in force (an invalid edit was undone): nothing to recompute.
      this.refusedSet = null;
      return;
    }
    if (candidate.fingerprint === this.refusedSet?.fingerprint) return;
    if (!candidate.compiled) {
      const problems = describeProblems(candidate.problems);
      this.refusedSet = { fingerprint: candidate.fingerprint, problems, at: this.ctx.nowIso() };
      log.error({ problems }, 'the rule set in custom metadata is invalid: keeping the last good one');
      if (!this.inForce && initial) this.inForce = this.lastGood();
      if (!this.inForce) {
        throw new Error(
          `The rules in custom metadata are invalid and no earlier valid set is stored:\n${problems.map((p) => `  - ${p}`).join('\n')}\nFix them (npm run rules:check) and start again.`,
        );
      }
      await this.notices.rulesRefused(problems);
      return;
    }
    const replacing = this.inForce !== null;
    this.inForce = candidate;
    this.refusedSet = null;
    mirror.ledger.saveSetting(RULES_SETTING, JSON.stringify(records));
    metrics.rulesReloads++;
    log.info({ fingerprint: candidate.fingerprint, rules: candidate.compiled.rules.length }, 'rules in force');
    if (replacing && !initial) this.onReplaced();
  }

  private lastGood(): RuleSet | null {
    const stored = this.ctx.mirror.ledger.setting(RULES_SETTING);
    if (!stored) return null;
    const ruleSet = compileRuleSet(JSON.parse(stored) as MetadataRecords);
    return ruleSet.compiled ? ruleSet : null;
  }
}
