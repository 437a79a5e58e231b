import { classify, compileConfig } from '../../domain';
import type { CompiledConfig } from '../../domain';
import { shippedCompiled, shippedConfig } from '../../domain/__tests__/support/shippedConfig';
import { MirrorStore } from '../../store/mirror';
import { simulate } from '../simulate';
import { ACCOUNTS_PER_TURN } from '../turns';

const ACCOUNTS = 3_000;
const NOW = Date.parse('2026-06-15T12:00:00Z');
const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(15, '0')}`;

/** A mirror of a few thousand accounts; some contacts have titles long enough to stall a backtracking regex. */
function bigMirror(): MirrorStore {
  const mirror = new MirrorStore(':memory:');
  const industries = ['Confectionery', 'Bakery', 'Mining', 'Paper'];
  const types = ['Customer - Direct', 'Prospect', 'Customer - Channel'];
  mirror.upsert(
    'Account',
    Array.from({ length: ACCOUNTS }, (_, n) => ({
      Id: id('001', n),
      Name: `Account ${n}`,
      Type: types[n % types.length],
      Industry: industries[n % industries.length],
      BillingCountry: n % 2 ? 'Germany' : 'Chile',
      AnnualRevenue: (n % 10) * 1_000_000,
    })),
  );
  mirror.upsert(
    'Contact',
    Array.from({ length: ACCOUNTS / 10 }, (_, n) => ({
      Id: id('003', n),
      AccountId: id('001', n * 10),
      Name: `Person ${n}`,
      Title: n % 3 === 0 ? `${'Senior '.repeat(3_000)}Zone Head` : 'Head of Purchasing',
      CreatedDate: '2026-06-01T09:00:00.000Z',
    })),
  );
  return mirror;
}

/**
 * The shipped rules with the key-title pattern of the finding (catastrophic on a backtracking
 * engine), and customers outside the strategy no longer fired.
 */
function catastrophicCandidate(): CompiledConfig {
  const config = shippedConfig();
  const { compiled, problems } = compileConfig({
    ...config,
    strategy: { ...config.strategy, keyTitlePattern: '^(.*?){12}Z' },
    rules: config.rules.map((rule) =>
      rule.name === 'Customer_Outside_Strategy' ? { ...rule, stance: 'None' as const } : rule,
    ),
  });
  if (!compiled) throw new Error(JSON.stringify(problems));
  return compiled;
}

describe('rule simulation over a few thousand accounts', () => {
  let mirror: MirrorStore;
  beforeAll(() => {
    mirror = bigMirror();
  });
  afterAll(() => mirror.close());

  it('lets the event loop turn between slices: a callback queued after it starts runs before it ends', async () => {
    let finished = false;
    let turns = 0;
    let counting = true;
    const count = () => {
      if (!counting) return;
      turns++;
      setImmediate(count);
    };
    const running = simulate(mirror, shippedCompiled(), catastrophicCandidate(), NOW).then((result) => {
      finished = true;
      return result;
    });
    setImmediate(count);
    const queuedAfterStart = await new Promise<boolean>((resolve) => setImmediate(() => resolve(finished)));
    const result = await running;
    counting = false;
    expect(queuedAfterStart).toBe(false);
    expect(result.accounts).toBe(ACCOUNTS);
    // One turn per slice, give or take the first and the last: a blocking pass allows none.
    expect(turns).toBeGreaterThanOrEqual(ACCOUNTS / ACCOUNTS_PER_TURN - 2);
  });

  it('counts every account once, as one pass would', async () => {
    const current = shippedCompiled();
    const candidate = catastrophicCandidate();
    const expected: Record<string, number> = {};
    let changed = 0;
    for (const accountId of mirror.allAccountIds()) {
      const snapshot = mirror.snapshot(accountId)!;
      const from = classify(snapshot, current, NOW).stance;
      const to = classify(snapshot, candidate, NOW).stance;
      expected[`${from}>${to}`] = (expected[`${from}>${to}`] ?? 0) + 1;
      if (from !== to) changed++;
    }
    const result = await simulate(mirror, current, candidate, NOW);
    expect(Object.fromEntries(result.transitions.map((cell) => [`${cell.from}>${cell.to}`, cell.count]))).toEqual(
      expected,
    );
    expect(result.changed).toBe(changed);
    expect(changed).toBeGreaterThan(0);
    expect(result.transitions.every((cell) => cell.samples.length === Math.min(5, cell.count))).toBe(true);
  });

  it('gives each sample its reason before and after, and counts at-risk accounts and each rule’s hits under both sets', async () => {
    const current = shippedCompiled();
    const candidate = catastrophicCandidate();
    const hits: Record<string, { before: number; after: number }> = {};
    const atRisk = { before: 0, after: 0 };
    const reasons = new Map<string, [string, string]>();
    for (const accountId of mirror.allAccountIds()) {
      const snapshot = mirror.snapshot(accountId)!;
      const before = classify(snapshot, current, NOW);
      const after = classify(snapshot, candidate, NOW);
      reasons.set(accountId, [before.reason, after.reason]);
      if (before.atRisk) atRisk.before++;
      if (after.atRisk) atRisk.after++;
      for (const [rule, side] of [
        [before.ruleName, 'before'],
        [after.ruleName, 'after'],
      ] as const) {
        if (rule === null) continue;
        hits[rule] ??= { before: 0, after: 0 };
        hits[rule][side]++;
      }
    }
    const result = await simulate(mirror, current, candidate, NOW);
    expect(result.atRisk).toEqual(atRisk);
    // Every rule of either set is named, those that decide nothing with zeros.
    expect(Object.fromEntries(Object.entries(result.hits).filter(([, n]) => n.before + n.after > 0))).toEqual(hits);
    expect(Object.keys(result.hits).sort()).toEqual(current.rules.map((rule) => rule.definition.name).sort());
    const moved = result.transitions.find((cell) => cell.from !== cell.to)!;
    for (const sample of moved.samples) {
      expect([sample.reasonBefore, sample.reasonAfter]).toEqual(reasons.get(sample.id));
    }
    expect(moved.samples[0]!.reasonBefore).toMatch(/\w/);
  });
});
