import { readFileSync } from 'node:fs';
import { FACT_DEFINITIONS } from '../../../sidecar/src/domain';
import { BEGIN_MARKER, END_MARKER, FACTS_PAGE, WRITE_COMMAND, factsBlock, withFactsBlock } from '../facts';

describe('the facts in docs/rules-and-facts.md', () => {
  it(`are exactly what the engine defines today (run \`${WRITE_COMMAND}\` after changing a fact)`, () => {
    const page = readFileSync(FACTS_PAGE, 'utf8');
    expect(page).toBe(withFactsBlock(page));
  });

  it('list every fact once, with its type, and say which only rules may read', () => {
    const block = factsBlock();
    for (const fact of FACT_DEFINITIONS) {
      expect(block.split('\n').filter((line) => line.startsWith(`- \`${fact.name}\` (${fact.type}):`))).toHaveLength(1);
    }
    const [accountPart, triggerPart] = block.split('Trigger facts');
    for (const fact of FACT_DEFINITIONS) {
      expect((fact.phase === 'account' ? accountPart : triggerPart)!.includes(`\`${fact.name}\``)).toBe(true);
    }
  });

  it('replace only what lies between the markers, and say so when they are missing', () => {
    const page = `# Title\n\nbefore\n\n${BEGIN_MARKER}\n\nold\n\n${END_MARKER}\n\nafter\n`;
    expect(withFactsBlock(page, 'new')).toBe(`# Title\n\nbefore\n\n${BEGIN_MARKER}\n\nnew\n\n${END_MARKER}\n\nafter\n`);
    expect(() => withFactsBlock('# no markers\n', 'new')).toThrow(/lacks the markers/);
  });
});
