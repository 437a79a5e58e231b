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

/** A full stop (or a run of them) after a mark that already ends the sentence, where texts meet. */
const DOUBLED = /[.!?…,]\s*\./;

/**
 * A reason as composed reads its punctuation once: where a text ending in a mark meets another
 * full stop ("Customer asked to pause." in "Set by hand to Fire: {reason}.", a fact value
 * "Acme Inc." before a template's "."), "..", ". .", " .", "!.", "?." and ",." collapse to one
 * mark. An ellipsis stays one. Everything else is kept as the admin or the person wrote it.
 */
export function tidyPunctuation(text: string): string {
  if (!DOUBLED.test(text) && !/\s\.(\s|$)/.test(text)) return text;
  return text
    .replace(/\.\.\.(?:\s*\.)+/g, '...')
    .replace(/…(?:\s*\.)+/g, '…')
    .replace(/(?<!\.)\.(?:\s*\.)+(?!\.)/g, (run) => (run === '...' ? run : '.'))
    .replace(/([!?])\s*\.(?!\.)/g, '$1')
    .replace(/,\s*\.(?!\.)/g, '.')
    .replace(/\s+\.(?=\s|$)/g, '.');
}
