/** The configuration shipped in force-app, compiled: the framework's defaults under test. */
import { join } from 'node:path';
import { readProjectMetadata } from '../../../../../scripts/metadata/reader';
import { stanceMetadataRecords } from '../../../../../scripts/metadata/stanceConfig';
import { compileConfig, configFromMetadataRecords } from '../..';
import type { CompiledConfig, StanceConfig } from '../..';

const PROJECT_ROOT = join(__dirname, '../../../../..');

export function shippedConfig(): StanceConfig {
  const metadata = readProjectMetadata(join(PROJECT_ROOT, 'force-app/main/default'), PROJECT_ROOT);
  const { config, problems } = configFromMetadataRecords(stanceMetadataRecords(metadata));
  if (!config) throw new Error(`shipped metadata is invalid: ${JSON.stringify(problems)}`);
  return config;
}

export function compile(config: StanceConfig): CompiledConfig {
  const { compiled, problems } = compileConfig(config);
  if (!compiled) throw new Error(`configuration does not compile: ${JSON.stringify(problems)}`);
  return compiled;
}

let cached: CompiledConfig | undefined;
export function shippedCompiled(): CompiledConfig {
  return (cached ??= compile(shippedConfig()));
}
