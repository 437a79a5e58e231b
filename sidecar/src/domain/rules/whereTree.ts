/**
 * The SOQL parser hands WHERE over as a right-nested list with parenthesis counts on its
 * leaves. This rebuilds the tree it stands for: NOT binds to the next term, and AND and OR may
 * not be mixed without parentheses. The rule language's own (the local org reads WHERE itself).
 */

export interface WhereLeaf {
  field?: string;
  fn?: { rawValue?: string; functionName?: string; parameters?: unknown[] };
  operator: string;
  literalType?: string | string[];
  value?: string | string[];
  valueQuery?: unknown;
}

export interface WhereNode {
  left?: (Partial<WhereLeaf> & { openParen?: number; closeParen?: number }) | null;
  operator?: string;
  right?: WhereNode;
}

export type WhereTree =
  | { kind: 'leaf'; leaf: WhereLeaf; index: number }
  | { kind: 'not'; child: WhereTree }
  | { kind: 'and' | 'or'; children: WhereTree[] };

/** A WHERE that parses but has no meaning; names the comparison or the joiner (by position) at fault. */
export class WhereShapeError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    /** 0-based position of the AND/OR at fault among the condition's joiners. */
    readonly joinerIndex?: number,
    /** 0-based position of the comparison at fault. */
    readonly leafIndex?: number,
  ) {
    super(message);
  }
}

type Item =
  | { kind: 'open' | 'close' | 'not' }
  | { kind: 'and' | 'or'; index: number }
  | { kind: 'leaf'; leaf: WhereLeaf; index: number };

export function buildWhereTree(where: WhereNode): WhereTree {
  const items = flatten(where);
  let at = 0;
  const expression = (): WhereTree => {
    const first = term();
    const next = items[at];
    if (!next || (next.kind !== 'and' && next.kind !== 'or')) return first;
    const kind = next.kind;
    const children = [first];
    while (items[at]?.kind === 'and' || items[at]?.kind === 'or') {
      const joiner = items[at] as { kind: 'and' | 'or'; index: number };
      if (joiner.kind !== kind) {
        throw new WhereShapeError(
          'AND and OR are mixed without parentheses',
          'add parentheses to say which goes first, e.g. A AND (B OR C)',
          joiner.index,
        );
      }
      at++;
      children.push(term());
    }
    return { kind, children };
  };
  const term = (): WhereTree => {
    const item = items[at++];
    if (!item) throw new WhereShapeError('the condition ends too early');
    if (item.kind === 'not') return { kind: 'not', child: term() };
    if (item.kind === 'open') {
      const inner = expression();
      if (items[at++]?.kind !== 'close') throw new WhereShapeError('a parenthesis is not closed');
      return inner;
    }
    if (item.kind === 'leaf') return { kind: 'leaf', leaf: item.leaf, index: item.index };
    throw new WhereShapeError(`unexpected ${item.kind.toUpperCase()}`);
  };
  const tree = expression();
  if (at !== items.length) throw new WhereShapeError('unexpected text after the condition');
  return tree;
}

function flatten(node: WhereNode | undefined, out: Item[] = [], counter = { leaf: 0, joiner: 0 }): Item[] {
  if (!node) return out;
  const left = node.left;
  for (let i = 0; i < (left?.openParen ?? 0); i++) out.push({ kind: 'open' });
  if (node.operator === 'NOT' && !(left && (left.field || left.fn))) {
    out.push({ kind: 'not' });
    return flatten(node.right, out, counter);
  }
  if (left) {
    out.push({ kind: 'leaf', leaf: left as WhereLeaf, index: counter.leaf++ });
    for (let i = 0; i < (left.closeParen ?? 0); i++) out.push({ kind: 'close' });
  }
  if (node.operator === 'AND' || node.operator === 'OR') {
    out.push({ kind: node.operator === 'AND' ? 'and' : 'or', index: counter.joiner++ });
    flatten(node.right, out, counter);
  } else if (node.right) {
    // The parser accepts two comparisons side by side; SOQL does not.
    throw new WhereShapeError(
      'two comparisons follow each other without AND or OR',
      'join them with AND or OR',
      undefined,
      counter.leaf,
    );
  }
  return out;
}

export function leavesOf(
  tree: WhereTree,
  out: Array<{ leaf: WhereLeaf; index: number }> = [],
): Array<{ leaf: WhereLeaf; index: number }> {
  if (tree.kind === 'leaf') out.push({ leaf: tree.leaf, index: tree.index });
  else if (tree.kind === 'not') leavesOf(tree.child, out);
  else for (const child of tree.children) leavesOf(child, out);
  return out;
}
