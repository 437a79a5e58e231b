/** What each Lightning web component in force-app reads, writes and creates, read from its source. */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

export interface FieldRef {
  readonly object: string;
  readonly field: string;
}

export interface ComponentUsage {
  readonly name: string;
  readonly file: string;
  readonly exposed: boolean;
  readonly targets: readonly string[];
  /** Objects named by the record page target config; empty means any. */
  readonly recordPageObjects: readonly string[];
  readonly reads: readonly FieldRef[];
  readonly writes: readonly FieldRef[];
  readonly creates: readonly string[];
  /** Fixed values the component writes (`[FIELD.fieldApiName]: 'Confirmed'`): picklist values it copies. */
  readonly literalWrites: ReadonlyArray<FieldRef & { readonly value: string }>;
  readonly messageChannels: readonly string[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => ['target', 'targetConfig', 'object'].includes(name),
});

export function readComponents(lwcDir: string, projectRoot: string): ComponentUsage[] {
  if (!existsSync(lwcDir)) return [];
  return readdirSync(lwcDir)
    .filter((name) => existsSync(join(lwcDir, name, `${name}.js`)))
    .sort()
    .map((name) => {
      const file = join(lwcDir, name, `${name}.js`);
      const source = readFileSync(file, 'utf8');
      const constants = new Map<string, FieldRef | string>();
      for (const match of source.matchAll(/import\s+(\w+)\s+from\s+'@salesforce\/schema\/([\w]+)(?:\.([\w.]+))?'/g)) {
        const [, constant, object, field] = match;
        constants.set(constant!, field ? { object: object!, field: field! } : object!);
      }
      const refs = [...constants.values()].filter((value): value is FieldRef => typeof value !== 'string');
      const writes = [...source.matchAll(/\[(\w+)\.fieldApiName\]\s*:/g)]
        .map((match) => constants.get(match[1]!))
        .filter((value): value is FieldRef => typeof value === 'object' && value.field !== 'Id');
      const literalWrites = [...source.matchAll(/\[(\w+)\.fieldApiName\]\s*:\s*'([^']*)'/g)].flatMap((match) => {
        const ref = constants.get(match[1]!);
        return typeof ref === 'object' ? [{ ...ref, value: match[2]! }] : [];
      });
      const creates = [...source.matchAll(/apiName:\s*(\w+)\.objectApiName/g)]
        .map((match) => constants.get(match[1]!))
        .filter((value): value is string => typeof value === 'string');
      const messageChannels = [...source.matchAll(/'@salesforce\/messageChannel\/(\w+)__c'/g)].map(
        (match) => match[1]!,
      );
      const meta =
        parser.parse(readFileSync(join(lwcDir, name, `${name}.js-meta.xml`), 'utf8')).LightningComponentBundle ?? {};
      const configs = (meta.targetConfigs?.targetConfig ?? []) as Array<Record<string, unknown>>;
      const recordPage = configs.find((config) => String(config['@targets']).includes('lightning__RecordPage'));
      const objects = (recordPage?.objects as { object?: string[] } | undefined)?.object ?? [];
      return {
        name,
        file: relative(projectRoot, file),
        exposed: String(meta.isExposed) === 'true',
        targets: (meta.targets?.target ?? []) as string[],
        recordPageObjects: objects,
        reads: refs,
        writes: unique(writes),
        creates: [...new Set(creates)],
        literalWrites,
        messageChannels,
      };
    });
}

function unique(refs: FieldRef[]): FieldRef[] {
  const seen = new Set<string>();
  return refs.filter((ref) => {
    const key = `${ref.object}.${ref.field}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
