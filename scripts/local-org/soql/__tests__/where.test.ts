/** The WHERE chain the parser gives, read back into the condition SOQL means. */
import { ApiError } from '../../errors';
import { parseSoql } from '../parse';
import { conditionOf } from '../where';
import type { Condition } from '../where';

/** The condition of `SELECT Id FROM Account WHERE <where>` in a compact text form. */
function shape(where: string): string {
  const text = (condition: Condition): string => {
    if (condition.kind === 'comparison') return condition.comparison.field!;
    if (condition.kind === 'not') return `not(${text(condition.operand)})`;
    return `${condition.kind}(${condition.operands.map(text).join(' ')})`;
  };
  return text(conditionOf(parseSoql(`SELECT Id FROM Account WHERE ${where}`).where!));
}

function refusal(where: string): string {
  try {
    shape(where);
    return 'accepted';
  } catch (error) {
    return (error as ApiError).errorCode;
  }
}

describe('the WHERE condition', () => {
  it('reads one comparison and a chain of one joiner', () => {
    expect(shape("Name = 'A'")).toBe('Name');
    expect(shape("Name = 'A' AND Type = 'B' AND Industry = 'C'")).toBe('and(Name Type Industry)');
    expect(shape("Name = 'A' OR Type = 'B'")).toBe('or(Name Type)');
  });

  it('groups by parentheses', () => {
    expect(shape("Name = 'A' AND (Type = 'B' OR Industry = 'C')")).toBe('and(Name or(Type Industry))');
    expect(shape("(Name = 'A' AND Type = 'B') OR Industry = 'C'")).toBe('or(and(Name Type) Industry)');
    expect(shape("((Name = 'A'))")).toBe('Name');
  });

  it('applies NOT to the next term only', () => {
    expect(shape("NOT Name = 'A' AND Type = 'B'")).toBe('and(not(Name) Type)');
    expect(shape("NOT (Name = 'A' OR Type = 'B')")).toBe('not(or(Name Type))');
    expect(shape("Type = 'B' AND NOT (Name = 'A')")).toBe('and(Type not(Name))');
  });

  it('refuses AND and OR mixed at one level, as Salesforce does', () => {
    expect(refusal("Name = 'A' AND Type = 'B' OR Industry = 'C'")).toBe('MALFORMED_QUERY');
    expect(refusal("Name = 'A' OR Type = 'B' AND Industry = 'C'")).toBe('MALFORMED_QUERY');
    expect(refusal("(Name = 'A' AND Type = 'B') OR Industry = 'C'")).toBe('accepted');
  });
});
