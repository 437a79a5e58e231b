/**
 * Finds words a component shows that do not come through a custom label: text and user-facing
 * attributes in templates, and string literals that read as words in JavaScript. What is not
 * user-facing (an API value, a CSS class, an icon, an event name) is told apart by where it
 * stands; what the rules cannot tell is marked on its line with `i18n-exempt: <why>` (a comment
 * in JavaScript, `<!-- i18n-exempt: why -->` before the element in a template).
 */
import { parse as parseScript } from '@babel/parser';
import { parseFragment } from 'parse5';

export interface Literal {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly text: string;
  readonly where: string;
}

/** Attributes whose value a person reads or hears (base components' and ARIA's). */
const SPOKEN_ATTRIBUTES = new Set([
  'label',
  'title',
  'alternative-text',
  'alt',
  'placeholder',
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'field-level-help',
  'help-text',
  'header',
  'heading',
  'caption',
  'summary',
  'description',
  'text',
  'button-label',
  'cancel-label',
  'confirm-label',
  'empty-message',
  'loading-text',
  'assistive-text',
  'variant-label',
]);

const HAS_LETTER = /\p{L}/u;
const EXEMPT = 'i18n-exempt';

// ---- templates -------------------------------------------------------------------------------

interface HtmlNode {
  nodeName: string;
  value?: string;
  data?: string;
  attrs?: Array<{ name: string; value: string }>;
  childNodes?: HtmlNode[];
  content?: HtmlNode;
  sourceCodeLocation?: {
    startLine: number;
    startCol: number;
    attrs?: Record<string, { startLine: number; startCol: number }>;
  };
}

/** Text that is only bindings ({expr}) and characters without letters (·, —, :, digits). */
function onlyBindings(text: string): boolean {
  return !HAS_LETTER.test(text.replace(/\{[^}]*\}/g, ''));
}

export function templateLiterals(file: string, source: string): Literal[] {
  const found: Literal[] = [];
  const fragment = parseFragment(source, { sourceCodeLocationInfo: true }) as unknown as HtmlNode;
  const visit = (node: HtmlNode, exempt: boolean): void => {
    const children = node.nodeName === 'template' && node.content ? node.content.childNodes : node.childNodes;
    let exemptNext = false;
    for (const child of children ?? []) {
      if (child.nodeName === '#comment') {
        exemptNext = (child.data ?? '').includes(EXEMPT);
        continue;
      }
      if (child.nodeName === '#text') {
        const text = (child.value ?? '').trim();
        if (text && !onlyBindings(text) && !exempt) {
          const at = child.sourceCodeLocation;
          found.push({ file, line: at?.startLine ?? 0, column: at?.startCol ?? 0, text, where: 'text' });
        }
        continue;
      }
      const skip = exempt || exemptNext;
      exemptNext = false;
      for (const attr of child.attrs ?? []) {
        if (skip || !SPOKEN_ATTRIBUTES.has(attr.name) || onlyBindings(attr.value)) continue;
        const at = child.sourceCodeLocation?.attrs?.[attr.name];
        found.push({
          file,
          line: at?.startLine ?? 0,
          column: at?.startCol ?? 0,
          text: attr.value,
          where: `${child.nodeName} ${attr.name}`,
        });
      }
      // Styles and scripts hold no words.
      if (child.nodeName !== 'style' && child.nodeName !== 'script') visit(child, skip);
    }
  };
  visit(fragment, false);
  return found;
}

// ---- JavaScript ------------------------------------------------------------------------------

interface Node {
  type: string;
  loc?: { start: { line: number; column: number } };
  [key: string]: unknown;
}

/** A literal reads as words: letters and a space, or one capitalised word ("Attack", "Loading"). */
function readsAsWords(text: string): boolean {
  const value = text.trim();
  if (!HAS_LETTER.test(value)) return false;
  // API names, classes, icons, paths, URLs, field references, query text.
  if (
    /__(c|r|e|mdt|chn)\b/.test(value) ||
    /\bslds-/.test(value) ||
    /^(utility|standard|action|custom|doctype):/.test(value)
  )
    return false;
  if (/^(SELECT|query|mutation|fragment)\b/.test(value)) return false;
  if (/^\s*(\{\s*"|\[\s*["{])/.test(value)) return false;
  // A class list: lower-case tokens joined by - or _ ("stance-badge stance-badge_attack").
  const tokens = value.split(/\s+/);
  if (tokens.every((token) => /^[a-z0-9_-]+$/.test(token)) && tokens.some((token) => /[-_]/.test(token))) return false;
  if (/\s/.test(value)) return true;
  return /^\p{Lu}\p{Ll}+[.!?]?$/u.test(value);
}

const SKIPPED_CALLS = new Set([
  'querySelector',
  'querySelectorAll',
  'addEventListener',
  'removeEventListener',
  'setAttribute',
  'getAttribute',
  'hasAttribute',
  'removeAttribute',
  'toggle',
  'add',
  'remove',
  'contains',
  'startsWith',
  'endsWith',
  'includes',
  'split',
  'join',
  'replace',
  'indexOf',
  'getItem',
  'setItem',
  'subscribe',
  'unsubscribe',
  'postMessage',
  'get',
  'has',
]);

function calleeName(node: Node): string | null {
  const callee = node.callee as Node | undefined;
  if (!callee) return null;
  if (callee.type === 'Identifier') return String(callee.name);
  if (callee.type === 'MemberExpression' && (callee.property as Node).type === 'Identifier')
    return String((callee.property as Node).name);
  return null;
}

function isConsole(node: Node): boolean {
  const callee = node.callee as Node | undefined;
  return (
    callee?.type === 'MemberExpression' &&
    (callee.object as Node).type === 'Identifier' &&
    (callee.object as Node).name === 'console'
  );
}

/** Why a literal in this position is not shown to a person, or null when it may be. */
function notShown(parent: Node, key: string, node: Node): boolean {
  switch (parent.type) {
    case 'ImportDeclaration':
    case 'ExportNamedDeclaration':
    case 'ExportAllDeclaration':
    case 'ImportExpression':
      return true;
    case 'ObjectProperty':
    case 'ObjectMethod':
    case 'ClassProperty':
    case 'ClassMethod':
      return key === 'key';
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      return key === 'property';
    case 'SwitchCase':
      return key === 'test';
    case 'BinaryExpression':
      return ['===', '!==', '==', '!=', 'in'].includes(String(parent.operator));
    case 'CallExpression':
    case 'OptionalCallExpression':
    case 'NewExpression': {
      if (isConsole(parent)) return true;
      const name = calleeName(parent);
      if (name === 'CustomEvent' || name === 'Event') return (parent.arguments as Node[])[0] === node;
      return name !== null && SKIPPED_CALLS.has(name);
    }
    case 'TaggedTemplateExpression':
      return true;
    default:
      return false;
  }
}

export function scriptLiterals(file: string, source: string): Literal[] {
  const found: Literal[] = [];
  const lines = source.split('\n');
  const exempt = (line: number) => [lines[line - 1], lines[line - 2]].some((text) => text?.includes(EXEMPT));
  const ast = parseScript(source, {
    sourceType: 'module',
    plugins: ['decorators-legacy', 'classProperties'],
  }) as unknown as Node;
  const report = (node: Node, text: string) => {
    const line = node.loc?.start.line ?? 0;
    if (!readsAsWords(text) || exempt(line)) return;
    found.push({ file, line, column: (node.loc?.start.column ?? 0) + 1, text, where: 'script' });
  };
  const visit = (node: Node, parent: Node | null, key: string): void => {
    if (parent && (node.type === 'StringLiteral' || node.type === 'TemplateLiteral') && notShown(parent, key, node))
      return;
    if (node.type === 'StringLiteral') report(node, String(node.value));
    if (node.type === 'TemplateLiteral') {
      const text = (node.quasis as Node[])
        .map((quasi) => String((quasi.value as { cooked: string }).cooked))
        .join('{}');
      report(node, text);
    }
    for (const [childKey, value] of Object.entries(node)) {
      if (childKey === 'loc' || childKey === 'leadingComments' || childKey === 'trailingComments') continue;
      if (Array.isArray(value)) {
        for (const item of value) if (item && typeof item.type === 'string') visit(item as Node, node, childKey);
      } else if (value && typeof value === 'object' && typeof (value as Node).type === 'string') {
        visit(value as Node, node, childKey);
      }
    }
  };
  visit(ast, null, '');
  return found;
}
