/**
 * The facts table of docs/rules-and-facts.md, generated from the engine's fact definitions.
 *
 *   npm run docs:facts                 prints the generated block
 *   npm run docs:facts -- --write      rewrites it in the page, between the markers
 *   npm run docs:facts -- --check      exits 1 when the page is stale
 *
 * A test (scripts/docs/__tests__/facts.test.ts) fails when the page is stale, as the component
 * fixtures are checked.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { FACT_DEFINITIONS } from '../../sidecar/src/domain';
import type { FactDefinition } from '../../sidecar/src/domain';

export const PROJECT_ROOT = join(__dirname, '../..');
export const FACTS_PAGE = join(PROJECT_ROOT, 'docs/rules-and-facts.md');
export const WRITE_COMMAND = 'npm run docs:facts -- --write';

export const BEGIN_MARKER = `<!-- facts:begin (generated from sidecar/src/domain by \`${WRITE_COMMAND}\`; do not edit) -->`;
export const END_MARKER = '<!-- facts:end -->';

function item(fact: FactDefinition): string {
  const values = fact.values ? ` (one of ${fact.values.join(', ')})` : '';
  return `- \`${fact.name}\` (${fact.type}): ${fact.description}${values}`;
}

/** The block between the markers (markers excluded): one list per phase. */
export function factsBlock(facts: readonly FactDefinition[] = FACT_DEFINITIONS): string {
  const account = facts.filter((fact) => fact.phase === 'account');
  const trigger = facts.filter((fact) => fact.phase === 'trigger');
  return [
    `Account facts: rules and trigger conditions may read these ${account.length}.`,
    '',
    ...account.map(item),
    '',
    `Trigger facts: worked out from the triggers present, so only rules may read these ${trigger.length}.`,
    '',
    ...trigger.map(item),
  ].join('\n');
}

/** The page with its block replaced by the generated one; throws when the markers are missing. */
export function withFactsBlock(page: string, block: string = factsBlock()): string {
  const begin = page.indexOf(BEGIN_MARKER);
  const end = page.indexOf(END_MARKER);
  if (begin < 0 || end < begin) {
    throw new Error(`${relative(PROJECT_ROOT, FACTS_PAGE)} lacks the markers ${BEGIN_MARKER} ... ${END_MARKER}`);
  }
  return `${page.slice(0, begin + BEGIN_MARKER.length)}\n\n${block}\n\n${page.slice(end)}`;
}

function main(args: readonly string[]): number {
  const page = relative(PROJECT_ROOT, FACTS_PAGE);
  if (args.includes('--write') || args.includes('--check')) {
    const current = readFileSync(FACTS_PAGE, 'utf8');
    const next = withFactsBlock(current);
    if (current === next) {
      console.log(`${page}: the facts are current`);
      return 0;
    }
    if (args.includes('--check')) {
      console.error(`${page}: the facts are stale; run \`${WRITE_COMMAND}\``);
      return 1;
    }
    writeFileSync(FACTS_PAGE, next);
    console.log(`wrote the facts in ${page}`);
    return 0;
  }
  console.log(factsBlock());
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
