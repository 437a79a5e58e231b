/**
 * The Metadata API reads a report, report type or dashboard as its WSDL's sequences
 * (analyticsSchema.ts): only the elements a type has, each in its place, same-named ones side by
 * side. A deploy refuses anything else ("Error parsing file: Element {…}name invalid at this
 * location in type Report", "… is duplicated at this location …"), which neither the XML check
 * nor the CLI's conversion notices: a misspelt element (columnToValue for columnToColumn) would
 * first fail in an org.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { ProjectMetadata } from '../metadata/reader';
import { SEQUENCES } from './analyticsSchema';
import type { Report } from './report';

const TYPES: Readonly<Record<string, string>> = { report: 'Report', reportType: 'ReportType', dashboard: 'Dashboard' };

type Ordered = Array<Record<string, unknown>>;
const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: true, parseTagValue: false });

/** The element children of an ordered node, in document order. */
function elements(children: Ordered): Array<{ name: string; children: Ordered }> {
  return children.flatMap((child) =>
    Object.entries(child)
      .filter(([key, value]) => key !== '#text' && key !== ':@' && Array.isArray(value))
      .map(([name, value]) => ({ name, children: value as Ordered })),
  );
}

/** Problems with the children of an element of complex type `type` at `path`. */
function checkSequence(children: Ordered, type: string, path: string, found: string[]): void {
  const sequence = SEQUENCES[type];
  if (!sequence) return;
  const places = new Map(sequence.map(([name], index) => [name, index]));
  let last = -1;
  let previous = '';
  // A deploy stops at the first element out of place: one such problem per element.
  let misplaced = false;
  const seen = new Set<string>();
  for (const { name, children: grandchildren } of elements(children)) {
    const place = places.get(name);
    if (place === undefined) {
      found.push(`${path}: element ${name} is not an element of ${type}`);
      continue;
    }
    if (seen.has(name) && previous !== name) {
      found.push(
        `${path}: element ${name} is duplicated at this location in type ${type}: keep same-named elements together`,
      );
    } else if (place < last && !misplaced) {
      found.push(`${path}: element ${name} invalid at this location in type ${type} (after ${previous})`);
      misplaced = true;
    }
    seen.add(name);
    last = Math.max(last, place);
    previous = name;
    const childType = sequence[place]![1];
    if (childType) checkSequence(grandchildren, childType, `${path} > ${name}`, found);
  }
}

export function checkAnalyticsOrder(metadata: ProjectMetadata, report: Report): void {
  for (const file of metadata.files) {
    const type = TYPES[file.kind];
    if (!type) continue;
    const document = parser.parse(readFileSync(join(metadata.root, file.file), 'utf8')) as Ordered;
    const root = document.find((node) => type in node);
    if (!root) continue;
    const found: string[] = [];
    checkSequence(root[type] as Ordered, type, type, found);
    for (const problem of [...new Set(found)]) report('xml-order', file.file, problem);
  }
}
