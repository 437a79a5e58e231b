/**
 * The Metadata API reads a report, report type or dashboard as a sequence: each element in its
 * place (for these types, alphabetical at the top level) and same-named elements side by side.
 * A deploy refuses anything else ("Error parsing file: Element {…}name invalid at this location in
 * type Report", "… is duplicated at this location …"), which neither the XML nor the CLI's
 * conversion notices. Hand-written or merged files get this wrong; this finds it offline.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { ProjectMetadata } from '../metadata/reader';
import type { Report } from './report';

const TYPES: Readonly<Record<string, string>> = { report: 'Report', reportType: 'ReportType', dashboard: 'Dashboard' };

type Ordered = Array<Record<string, unknown>>;
const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: true, parseTagValue: false });

/** The element names of an ordered node's children, in document order. */
function childNames(children: Ordered): string[] {
  return children.flatMap((child) => Object.keys(child).filter((key) => key !== '#text' && key !== ':@'));
}

/** Same-named siblings apart from each other, anywhere below `children`, as `name in parent`. */
function splitGroups(children: Ordered, parent: string, found: string[]): void {
  const names = childNames(children);
  const seen = new Set<string>();
  names.forEach((name, index) => {
    if (seen.has(name) && names[index - 1] !== name) found.push(`${name} in ${parent}`);
    seen.add(name);
  });
  for (const child of children) {
    for (const [name, value] of Object.entries(child)) {
      if (name !== '#text' && name !== ':@' && Array.isArray(value)) splitGroups(value as Ordered, name, found);
    }
  }
}

export function checkAnalyticsOrder(metadata: ProjectMetadata, report: Report): void {
  for (const file of metadata.files) {
    const type = TYPES[file.kind];
    if (!type) continue;
    const document = parser.parse(readFileSync(join(metadata.root, file.file), 'utf8')) as Ordered;
    const root = document.find((node) => type in node);
    if (!root) continue;
    const children = root[type] as Ordered;
    const names = childNames(children);
    const at = names.findIndex((name, index) => index > 0 && name.localeCompare(names[index - 1]!, 'en') < 0);
    if (at > 0) {
      const [misplaced, before] = [names[at], names[at - 1]];
      report(
        'xml-order',
        file.file,
        `${type}: element ${misplaced} invalid at this location (after ${before}); the Metadata API reads ${type}'s elements in alphabetical order`,
      );
    }
    const split: string[] = [];
    splitGroups(children, type, split);
    for (const where of [...new Set(split)])
      report(
        'xml-order',
        file.file,
        `${type}: element ${where} is duplicated at this location: keep same-named elements together`,
      );
  }
}
