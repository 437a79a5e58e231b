/** Reason templates: the sentence a rep reads, with {Fact_Name} placeholders filled per account. */
import { FACT_DEFINITIONS, factIndex } from '../facts';
import { locate } from './lexer';
import { nearestName } from './problems';
import type { RuleProblem } from './problems';

/** Placeholders that list the labels of the triggers present, by kind. */
export const LIST_PLACEHOLDERS = ['Openings', 'Threats', 'Misalignments', 'Name'] as const;
export type ListPlaceholder = (typeof LIST_PLACEHOLDERS)[number];

export type TemplatePart = string | { readonly fact: number } | { readonly list: ListPlaceholder };

export function compileTemplate(
  text: string,
  source: string,
  field: string,
): { parts: TemplatePart[]; problems: RuleProblem[] } {
  const parts: TemplatePart[] = [];
  const problems: RuleProblem[] = [];
  const pattern = /\{([^{}]*)\}/g;
  let last = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    last = match.index + match[0].length;
    const name = match[1]!.trim();
    if ((LIST_PLACEHOLDERS as readonly string[]).includes(name)) {
      parts.push({ list: name as ListPlaceholder });
      continue;
    }
    const index = factIndex(name);
    if (index !== undefined) {
      parts.push({ fact: index });
      continue;
    }
    const hint = nearestName(name, [...FACT_DEFINITIONS.map((fact) => fact.name), ...LIST_PLACEHOLDERS]);
    problems.push({
      kind: 'UNKNOWN_PLACEHOLDER',
      source,
      field,
      ...locate(text, match.index),
      message: `{${name}} names no fact`,
      ...(hint ? { hint: `did you mean {${hint}}?` } : {}),
    });
  }
  if (last < text.length) parts.push(text.slice(last));
  return { parts, problems };
}
