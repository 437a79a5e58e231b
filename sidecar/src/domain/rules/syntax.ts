/**
 * Parsing a condition with the project's SOQL parser, and turning the parser's complaints into
 * a problem that names the token at fault and what was expected there.
 */
import { parseQuery } from '@jetstreamapp/soql-parser-js';
import type { Token } from './lexer';
import type { ProblemKind, RuleProblem } from './problems';
import type { WhereNode } from './whereTree';

const PREFIX = 'SELECT Id FROM Facts WHERE ';

/** The condition's WHERE as the parser hands it over; throws the parser's error when it does not parse. */
export function parseWhere(text: string): WhereNode {
  return parseQuery(PREFIX + text).where as WhereNode;
}

/**
 * The parser says what it found but not where. Take the token it names; when that text
 * occurs more than once, the first occurrence whose prefix already fails is the culprit.
 */
export function syntaxProblem(
  text: string,
  tokens: readonly Token[],
  error: Error,
  problem: (kind: ProblemKind, message: string, offset: number, hint?: string) => RuleProblem,
): RuleProblem {
  const prefixFails = (token: Token): string | null => {
    try {
      parseWhere(text.slice(0, token.end));
      return null;
    } catch (prefixError) {
      const message = (prefixError as Error).message;
      return foundText(message) === '' ? null : message;
    }
  };
  const tooEarly = () =>
    problem('SYNTAX', 'the condition ends too early', text.trimEnd().length, expectationHint(undefined, error.message));
  const found = foundText(error.message);
  if (found === '') return tooEarly();
  const named = tokens.filter((token) => token.text === found);
  for (const token of [...named, ...tokens]) {
    const message = prefixFails(token);
    if (message === null) continue;
    if (token === tokens[tokens.length - 1] && token.kind === 'open') return tooEarly();
    return problem('SYNTAX', `unexpected ${JSON.stringify(token.text)}`, token.start, expectationHint(token, message));
  }
  return tooEarly();
}

/** The text of the token the parser complains about ('' at the end of the input), if it says. */
function foundText(message: string): string | undefined {
  const match = /but found(?: -->|:) '(.*?)'(?: <--)?\s*$/s.exec(message) ?? /but found(?: -->|:) '(.*)'/.exec(message);
  return match ? match[1] : undefined;
}

function expectationHint(token: Token | undefined, message: string): string | undefined {
  if (token?.text === '==') return 'compare with a single =';
  if (token?.text === '&&' || token?.text === '||') return 'use AND / OR';
  if (/expecting EOF/i.test(message)) return 'expected AND, OR, a closing parenthesis or the end of the condition';
  const single = /Expecting token of type --> (\w+) <--/.exec(message);
  if (single) return `expected ${TOKEN_WORDS[single[1]!] ?? single[1]}`;
  if (/\[EQUAL\]/.test(message)) return 'expected an operator such as =, !=, <, IN or LIKE';
  if (/NumberIdentifier|StringIdentifier/.test(message))
    return 'expected a value: a number, a quoted text, TRUE, FALSE, NULL or a date';
  if (/Identifier/.test(message)) return 'expected a fact name';
  return undefined;
}

const TOKEN_WORDS: Record<string, string> = {
  R_PAREN: 'a closing parenthesis',
  L_PAREN: 'an opening parenthesis',
  COMMA: 'a comma',
};
