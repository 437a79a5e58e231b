/**
 * The filter expression of a PlatformEventChannelMember on a change event channel, as the Change
 * Data Capture Developer Guide documents it ("Filter Expression Format", "Change Event Filters",
 * "Field Considerations"): field-value comparisons with = != > < >= <= LIKE IN and NOT IN, joined
 * by AND / OR with parentheses; text in single quotes, compared without regard to case; header
 * fields as ChangeEventHeader.<field>, except the array fields. The local org evaluates header
 * fields only: an entity field in a filter is auto-enriched by Salesforce (sent even when it did
 * not change), which the local org does not model, so it refuses such a filter rather than
 * evaluate it on a partial payload. Anything else refuses the deploy with what and where.
 */

export type FilterValue = string | number | boolean | null;

export type Filter =
  | { readonly kind: 'and' | 'or'; readonly parts: readonly Filter[] }
  | {
      readonly kind: 'compare';
      readonly field: string;
      readonly operator: Operator;
      readonly values: readonly FilterValue[];
    };

type Operator = '=' | '!=' | '<' | '>' | '<=' | '>=' | 'LIKE' | 'IN' | 'NOT IN';

/** Header fields that are arrays: "You can add ChangeEventHeader fields in a filter expression, except for fields that are arrays." */
const ARRAY_HEADER_FIELDS = new Set(['recordids', 'nulledfields', 'difffields', 'changedfields']);
const HEADER_FIELDS = new Map(
  [
    'entityName',
    'changeType',
    'changeOrigin',
    'transactionKey',
    'sequenceNumber',
    'commitTimestamp',
    'commitNumber',
    'commitUser',
  ].map((name) => [name.toLowerCase(), name]),
);

export class FilterError extends Error {}

type Token = { readonly type: 'word' | 'string' | 'number' | 'symbol'; readonly text: string; readonly at: number };

const TOKEN = /\s*(?:('(?:[^'\\]|\\.)*')|(-?\d+(?:\.\d+)?)(?![\w.])|([A-Za-z_][\w.]*)|(!=|<=|>=|[=<>(),]))/y;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  for (;;) {
    while (at < source.length && /\s/.test(source[at]!)) at++;
    if (at >= source.length) break;
    TOKEN.lastIndex = at;
    const match = TOKEN.exec(source);
    if (!match) throw new FilterError(`unexpected "${source.slice(at, at + 20)}" at character ${at + 1}`);
    const start = at;
    if (match[1] !== undefined) tokens.push({ type: 'string', text: unquote(match[1]), at: start });
    else if (match[2] !== undefined) tokens.push({ type: 'number', text: match[2], at: start });
    else if (match[3] !== undefined) tokens.push({ type: 'word', text: match[3], at: start });
    else tokens.push({ type: 'symbol', text: match[4]!, at: start });
    at = TOKEN.lastIndex;
  }
  return tokens;
}

/** SOQL's quoted string escapes (\' \" \n \r \t \b \f \\); backslash before anything else is refused. */
function unquote(quoted: string): string {
  const escapes: Record<string, string> = {
    "'": "'",
    '"': '"',
    n: '\n',
    r: '\r',
    t: '\t',
    b: '\b',
    f: '\f',
    '\\': '\\',
  };
  return quoted.slice(1, -1).replace(/\\(.)/g, (_, char: string) => {
    const replaced = escapes[char];
    if (replaced === undefined) throw new FilterError(`invalid escape \\${char} in ${quoted}`);
    return replaced;
  });
}

/** Parses a filter expression, or throws a FilterError that says what is wrong and where. */
export function parseFilter(source: string): Filter {
  const tokens = tokenize(source);
  let position = 0;
  const peek = () => tokens[position];
  const where = () => (peek() ? `at character ${peek()!.at + 1}` : 'at the end');
  const isWord = (word: string) => peek()?.type === 'word' && peek()!.text.toUpperCase() === word;
  const expect = (text: string) => {
    if (peek()?.text !== text) throw new FilterError(`expected "${text}" ${where()}`);
    position++;
  };

  const either = (): Filter => joined('OR', both);
  const both = (): Filter => joined('AND', single);
  function joined(word: 'AND' | 'OR', next: () => Filter): Filter {
    const parts = [next()];
    while (isWord(word)) {
      position++;
      parts.push(next());
    }
    return parts.length === 1 ? parts[0]! : { kind: word === 'AND' ? 'and' : 'or', parts };
  }
  function single(): Filter {
    if (peek()?.text === '(') {
      position++;
      const inner = either();
      expect(')');
      return inner;
    }
    if (isWord('NOT')) throw new FilterError(`NOT is supported only as NOT IN ${where()}`);
    const token = peek();
    if (token?.type !== 'word') throw new FilterError(`expected a field name ${where()}`);
    position++;
    const field = fieldOf(token.text);
    let operator: Operator;
    if (isWord('NOT')) {
      position++;
      if (!isWord('IN')) throw new FilterError(`expected IN after NOT ${where()}`);
      operator = 'NOT IN';
    } else if (isWord('IN') || isWord('LIKE')) operator = peek()!.text.toUpperCase() as Operator;
    else if (peek()?.type === 'symbol' && ['=', '!=', '<', '>', '<=', '>='].includes(peek()!.text))
      operator = peek()!.text as Operator;
    else throw new FilterError(`expected an operator (= != < > <= >= LIKE IN NOT IN) after ${token.text} ${where()}`);
    position++;
    if (operator !== 'IN' && operator !== 'NOT IN') return { kind: 'compare', field, operator, values: [value()] };
    expect('(');
    const values = [value()];
    while (peek()?.text === ',') {
      position++;
      values.push(value());
    }
    expect(')');
    return { kind: 'compare', field, operator, values };
  }
  function value(): FilterValue {
    const token = peek();
    if (!token) throw new FilterError(`expected a value at the end`);
    position++;
    if (token.type === 'string') return token.text;
    if (token.type === 'number') return Number(token.text);
    const word = token.text.toLowerCase();
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'null') return null;
    throw new FilterError(
      `expected a value (text in single quotes, a number, true, false or null) at character ${token.at + 1}, not ${token.text}`,
    );
  }

  if (tokens.length === 0) throw new FilterError('the filter expression is empty');
  const filter = either();
  if (position < tokens.length) throw new FilterError(`unexpected "${peek()!.text}" ${where()}`);
  return filter;
}

/** ChangeEventHeader.<field> in its documented spelling; array fields and entity fields are refused. */
function fieldOf(name: string): string {
  const [head, field, ...rest] = name.split('.');
  if (head!.toLowerCase() !== 'changeeventheader' || field === undefined || rest.length > 0)
    throw new FilterError(
      `${name}: the local org evaluates ChangeEventHeader fields only (an entity field is auto-enriched by Salesforce, which the local org does not model)`,
    );
  if (ARRAY_HEADER_FIELDS.has(field.toLowerCase()))
    throw new FilterError(`${name} is an array: Salesforce refuses array header fields in a filter`);
  const known = HEADER_FIELDS.get(field.toLowerCase());
  if (!known) throw new FilterError(`${name}: ChangeEventHeader has no field ${field}`);
  return known;
}

/** Whether a change event's payload passes the filter. */
export function matches(filter: Filter, payload: { readonly ChangeEventHeader?: unknown }): boolean {
  if (filter.kind !== 'compare')
    return filter.kind === 'and'
      ? filter.parts.every((part) => matches(part, payload))
      : filter.parts.some((part) => matches(part, payload));
  const header = (payload.ChangeEventHeader ?? {}) as Record<string, unknown>;
  const raw = header[filter.field];
  // An empty text (changeOrigin of a change no API made) is a value that is not there.
  const actual = raw === undefined || raw === '' ? null : (raw as FilterValue);
  const [expected] = filter.values;
  switch (filter.operator) {
    case '=':
      return equal(actual, expected!);
    case '!=':
      return !equal(actual, expected!);
    case 'IN':
      return filter.values.some((value) => equal(actual, value));
    case 'NOT IN':
      return !filter.values.some((value) => equal(actual, value));
    case 'LIKE':
      return typeof actual === 'string' && typeof expected === 'string' && like(expected).test(actual);
    default:
      return ordered(actual, expected!, filter.operator);
  }
}

function equal(actual: FilterValue, expected: FilterValue): boolean {
  if (actual === null || expected === null) return actual === expected;
  if (typeof actual === 'string' && typeof expected === 'string')
    return actual.toLowerCase() === expected.toLowerCase();
  return String(actual) === String(expected);
}

function ordered(actual: FilterValue, expected: FilterValue, operator: '<' | '>' | '<=' | '>='): boolean {
  if (actual === null || expected === null) return false;
  const [a, b] =
    typeof actual === 'number' || typeof expected === 'number'
      ? [Number(actual), Number(expected)]
      : [String(actual).toLowerCase(), String(expected).toLowerCase()];
  if (operator === '<') return a < b;
  if (operator === '>') return a > b;
  if (operator === '<=') return a <= b;
  return a >= b;
}

/** SOQL LIKE: % any run, _ one character, without regard to case. */
function like(pattern: string): RegExp {
  const source = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(`^${source}$`, 'is');
}
