import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FACT_DEFINITIONS } from '..';

describe('the README', () => {
  const readme = readFileSync(join(__dirname, '../../../../README.md'), 'utf8');

  it('lists every fact a rule may read, and no fact that does not exist', () => {
    const documented = new Set([...readme.matchAll(/`([A-Z][A-Za-z_]+)`/g)].map((match) => match[1]!));
    const names = FACT_DEFINITIONS.map((fact) => fact.name);
    expect(names.filter((name) => !documented.has(name))).toEqual([]);
    const factSection = readme.slice(readme.indexOf('### Facts'), readme.indexOf('## Benchmarks'));
    const listed = [...factSection.matchAll(/^\| `([^`]+)`/gm)].map((match) => match[1]!);
    expect(listed.filter((name) => !names.includes(name))).toEqual([]);
  });
});
