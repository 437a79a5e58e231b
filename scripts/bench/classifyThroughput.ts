/** Classify throughput on one core, against a baseline that recompiles the rules for every account. */
import { join } from 'node:path';
import { classify, compileConfig, computeAccountFacts, configFromMetadataRecords } from '../../sidecar/src/domain';
import type { CompiledConfig, StanceConfig } from '../../sidecar/src/domain';
import { readProjectMetadata } from '../metadata/reader';
import { stanceMetadataRecords } from '../metadata/stanceConfig';
import { population } from './population';

export interface ThroughputRow {
  readonly case: string;
  readonly accounts: number;
  readonly perSecond: number;
}

function shippedConfig(root: string): StanceConfig {
  const metadata = readProjectMetadata(join(root, 'force-app/main/default'), root);
  const { config, problems } = configFromMetadataRecords(stanceMetadataRecords(metadata));
  if (!config) throw new Error(`the shipped rules are invalid: ${problems.map((p) => p.message).join('; ')}`);
  return config;
}

/** Best of several rounds: the least disturbed measurement of the same work. */
function measure(rounds: number, work: () => number): number {
  let best = 0;
  for (let round = 0; round < rounds; round++) {
    const started = process.hrtime.bigint();
    const count = work();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    best = Math.max(best, count / seconds);
  }
  return best;
}

export function classifyThroughput(root: string, size: number, now: number): ThroughputRow[] {
  const config = shippedConfig(root);
  const compiled: CompiledConfig = compileConfig(config).compiled!;
  const accounts = population(size, now);
  let sink = 0;
  const classifyAll = () => {
    for (const account of accounts) {
      const result = classify(account, compiled, now);
      sink ^= result.stance.length ^ result.reason.length ^ result.hash.length;
    }
    return accounts.length;
  };
  classifyAll(); // warm up the JIT
  const full = measure(5, classifyAll);
  const withJson = measure(3, () => {
    for (const account of accounts) sink ^= classify(account, compiled, now).json.length;
    return accounts.length;
  });
  const factsOnly = measure(5, () => {
    for (const account of accounts) sink ^= computeAccountFacts(account, compiled, now).values.length;
    return accounts.length;
  });
  const sample = accounts.slice(0, Math.min(2_000, accounts.length));
  const recompiling = measure(3, () => {
    for (const account of sample) sink ^= classify(account, compileConfig(config).compiled!, now).json.length;
    return sample.length;
  });
  if (sink === 0.5) console.log(''); // keep the work observable to the optimiser
  return [
    { case: 'classify: stance, reason, hash', accounts: accounts.length, perSecond: full },
    { case: 'classify + explanation JSON', accounts: accounts.length, perSecond: withJson },
    { case: 'account facts only (no rules)', accounts: accounts.length, perSecond: factsOnly },
    { case: 'baseline: rules compiled per account', accounts: sample.length, perSecond: recompiling },
  ];
}
