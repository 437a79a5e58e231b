/**
 * The few constants the components must keep as copies of the engine's vocabulary (a component
 * cannot import the sidecar) equal what the engine says. Each constant is read from the
 * component's source as the literal it is: nothing of the component runs here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import {
  CHECKLIST_STATES,
  EXPLANATION_SCHEMA,
  EXPLANATION_VERSION,
  SIGNAL_SOURCES,
  STANCES,
  STANCE_UPDATE_EVENT,
  TRIGGER_CODES,
  TRIGGER_KINDS,
} from '../../sidecar/src/domain';
import type { Report } from './report';

/** A constant of a component, compared with the engine: null when it agrees, else the difference. */
export interface Copy {
  readonly component: string;
  readonly constant: string;
  /** What the engine calls the value it must agree with. */
  readonly engine: string;
  readonly compare: (value: unknown) => string | null;
}

const show = (value: unknown) => JSON.stringify(value);

function equals(expected: unknown): Copy['compare'] {
  return (value) => (show(value) === show(expected) ? null : `is ${show(value)}, the engine's is ${show(expected)}`);
}

function oneOf(values: readonly string[]): Copy['compare'] {
  return (value) =>
    typeof value === 'string' && values.includes(value) ? null : `is ${show(value)}, not one of ${values.join(', ')}`;
}

/** The same names, in any order: what the copy lacks and what it adds. */
function sameNames(expected: readonly string[], names: (value: unknown) => unknown[]): Copy['compare'] {
  return (value) => {
    const actual = names(value).map(String);
    const missing = expected.filter((name) => !actual.includes(name));
    const extra = actual.filter((name) => !expected.includes(name));
    if (missing.length === 0 && extra.length === 0) return null;
    return [
      missing.length ? `lacks ${missing.join(', ')}` : '',
      extra.length ? `has ${extra.join(', ')}, which the engine does not` : '',
    ]
      .filter(Boolean)
      .join(' and ');
  };
}

/** Names the engine has, each once. */
function within(allowed: readonly string[], names: (value: unknown) => unknown[]): Copy['compare'] {
  return (value) => {
    const actual = names(value).map(String);
    const unknown = actual.filter((name) => !allowed.includes(name));
    const repeated = actual.filter((name, index) => actual.indexOf(name) !== index);
    if (unknown.length === 0 && repeated.length === 0 && actual.length > 0) return null;
    if (actual.length === 0) return 'names nothing';
    return [
      unknown.length ? `names ${unknown.join(', ')}, which the engine does not have` : '',
      repeated.length ? `names ${repeated.join(', ')} more than once` : '',
    ]
      .filter(Boolean)
      .join(' and ');
  };
}

const keys = (value: unknown) => (value && typeof value === 'object' ? Object.keys(value) : []);
const field =
  (name: string) =>
  (value: unknown): unknown[] =>
    Array.isArray(value) ? value.flatMap((entry) => (entry && typeof entry === 'object' ? entry[name] : [])) : [];

export const COPIES: readonly Copy[] = [
  {
    component: 'stanceLiveUpdates',
    constant: 'STANCE_UPDATE_EVENT',
    engine: 'STANCE_UPDATE_EVENT',
    compare: equals(STANCE_UPDATE_EVENT),
  },
  {
    component: 'reportSignal',
    constant: 'REPORTABLE_TRIGGERS',
    engine: 'TRIGGER_CODES',
    compare: within(TRIGGER_CODES, field('codes')),
  },
  { component: 'reportSignal', constant: 'DETECTED_SOURCE', engine: 'SIGNAL_SOURCES', compare: oneOf(SIGNAL_SOURCES) },
  {
    component: 'stanceModel',
    constant: 'EXPLANATION_SCHEMA',
    engine: 'EXPLANATION_SCHEMA',
    compare: equals(EXPLANATION_SCHEMA),
  },
  {
    component: 'stanceModel',
    constant: 'EXPLANATION_VERSION',
    engine: 'EXPLANATION_VERSION',
    compare: equals(EXPLANATION_VERSION),
  },
  { component: 'stanceModel', constant: 'STANCES', engine: 'STANCES', compare: sameNames(STANCES, keys) },
  {
    component: 'stanceModel',
    constant: 'STATES',
    engine: 'CHECKLIST_STATES',
    compare: sameNames(CHECKLIST_STATES, keys),
  },
  {
    component: 'stanceModel',
    constant: 'GROUPS',
    engine: 'TRIGGER_KINDS',
    compare: sameNames(TRIGGER_KINDS, field('kind')),
  },
];

/** Not a literal: a function, a call, a reference. */
const NOT_LITERAL = Symbol('not a literal');

function literal(node: ts.Expression): unknown {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (node.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) return literal(node.expression);
  if (ts.isArrayLiteralExpression(node)) return node.elements.map((element) => literal(element));
  if (ts.isObjectLiteralExpression(node)) {
    const entries = node.properties.map((property) => {
      if (!ts.isPropertyAssignment(property)) return [NOT_LITERAL, NOT_LITERAL];
      const name = property.name;
      const key = ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) ? name.text : null;
      return [key, literal(property.initializer)];
    });
    return Object.fromEntries(entries.filter(([key]) => typeof key === 'string'));
  }
  return NOT_LITERAL;
}

/** The top-level `const` declarations of a module whose value is a literal, by name. */
export function literalConstants(source: string, fileName = 'module.js'): Map<string, unknown> {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const constants = new Map<string, unknown>();
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.initializer) {
        const value = literal(declaration.initializer);
        if (value !== NOT_LITERAL) constants.set(declaration.name.text, value);
      }
    }
  }
  return constants;
}

export function checkCopies(lwcDir: string, projectRoot: string, report: Report, copies = COPIES): void {
  const read = new Map<string, Map<string, unknown> | null>();
  for (const copy of copies) {
    const path = join(lwcDir, copy.component, `${copy.component}.js`);
    const file = relative(projectRoot, path);
    if (!read.has(copy.component)) {
      read.set(copy.component, existsSync(path) ? literalConstants(readFileSync(path, 'utf8'), path) : null);
    }
    const constants = read.get(copy.component);
    if (!constants) {
      report('copies', file, `component ${copy.component} is missing; it must hold ${copy.constant}`);
      continue;
    }
    if (!constants.has(copy.constant)) {
      report(
        'copies',
        file,
        `${copy.constant} is not a literal constant here, so it cannot be compared with the engine's ${copy.engine}`,
      );
      continue;
    }
    const difference = copy.compare(constants.get(copy.constant));
    if (difference)
      report('copies', file, `${copy.constant} differs from the engine's ${copy.engine}: it ${difference}`);
  }
}
