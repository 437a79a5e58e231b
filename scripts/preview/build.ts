/**
 * Builds the browser preview: the force-app components as they are (module `c/<name>`), the
 * preview's page shell, lightning-base-components and the platform modules the components import
 * (implemented in modules/platform against the local org), bundled by rollup with LWC OSS.
 * The output is cached by a fingerprint of its inputs, so a second `npm start` does not rebuild.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import lwc from '@lwc/rollup-plugin';
import { XMLParser } from 'fast-xml-parser';
import replace from '@rollup/plugin-replace';
import { rollup } from 'rollup';
import type { Plugin, RollupLog } from 'rollup';
import { runCli } from '../org-tools/cli';
import { LABELS_FILE, TRANSLATIONS_DIR } from '../i18n/labelFiles';
import { englishLabels, PSEUDO_CLOSE, PSEUDO_OPEN } from './labels';

const ROOT = join(__dirname, '../..');
const COMPONENTS_DIR = join(ROOT, 'force-app/main/default/lwc');
const PREVIEW_DIR = join(ROOT, 'scripts/preview');
const RECORD_PAGE = join(ROOT, 'force-app/main/default/flexipages/Stance_Account_Record_Page.flexipage-meta.xml');
const HOME_PAGE = join(ROOT, 'force-app/main/default/flexipages/Stance_Home.flexipage-meta.xml');
const QUICK_ACTIONS_DIR = join(ROOT, 'force-app/main/default/quickActions');
// One cache per checkout: git worktrees that share node_modules must not serve each other's bundle.
const DEFAULT_BUILD_DIR = join(
  ROOT,
  `node_modules/.cache/stance-preview-${createHash('sha256').update(ROOT).digest('hex').slice(0, 8)}`,
);

/** Platform modules the components import, and the preview module that implements each. */
const PLATFORM_MODULES: Readonly<Record<string, string>> = {
  'lightning/uiRecordApi': 'platform/uiRecordApi',
  'lightning/uiObjectInfoApi': 'platform/uiObjectInfoApi',
  'lightning/uiRelatedListApi': 'platform/uiRelatedListApi',
  'lightning/uiListsApi': 'platform/uiListsApi',
  'lightning/messageService': 'platform/messageService',
  'lightning/platformShowToastEvent': 'platform/platformShowToastEvent',
  'lightning/actions': 'platform/actions',
  'lightning/empApi': 'platform/empApi',
  'lightning/graphql': 'platform/graphql',
  'lightning/refresh': 'platform/refresh',
};

/** The `@salesforce/i18n/*` keys the page computes from the signed-in person (see labels.ts pageI18n). */
const PERSON_I18N = new Set([
  'lang',
  'locale',
  'currency',
  'timeZone',
  'dir',
  'number.decimalSeparator',
  'number.groupingSeparator',
  'number.currencySymbol',
  'firstDayOfWeek',
]);

export interface BuildResult {
  readonly dir: string;
  readonly cached: boolean;
  readonly ms: number;
  readonly bytes: number;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__tests__' ? [] : filesUnder(path);
    return [path];
  });
}

/** Changes when any input of the bundle changes: sources, this script, the installed versions. */
function fingerprint(): string {
  const hash = createHash('sha256');
  const inputs = [
    ...filesUnder(COMPONENTS_DIR),
    ...filesUnder(join(PREVIEW_DIR, 'app')),
    ...filesUnder(join(PREVIEW_DIR, 'modules')),
    join(PREVIEW_DIR, 'build.ts'),
    join(PREVIEW_DIR, 'labels.ts'),
    LABELS_FILE,
    ...(existsSync(TRANSLATIONS_DIR) ? filesUnder(TRANSLATIONS_DIR) : []),
    RECORD_PAGE,
    HOME_PAGE,
    ...filesUnder(QUICK_ACTIONS_DIR),
    join(ROOT, 'package-lock.json'),
  ].sort();
  for (const file of inputs) hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/** Every force-app bundle as `c/<name>`: SFDX folders have no namespace level. */
function componentModules(): Array<{ name: string; path: string }> {
  return readdirSync(COMPONENTS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(COMPONENTS_DIR, entry.name, `${entry.name}.js`)))
    .map((entry) => ({ name: `c/${entry.name}`, path: join(COMPONENTS_DIR, entry.name, `${entry.name}.js`) }));
}

/**
 * `@salesforce/*` imports the platform resolves: schema references become
 * `{objectApiName, fieldApiName}`, message channels are named objects; the user id, custom labels
 * and i18n values are the signed-in person's, read at run time from the settings the preview
 * server puts in the page (a label the page's table lacks reads its English value);
 * `lightning/*` platform modules resolve to their preview implementations, and `cometd` to its package.
 */
function salesforceModules(): Plugin {
  const VIRTUAL = '\0salesforce:';
  let english: Record<string, string> | undefined;
  return {
    name: 'stance-salesforce-modules',
    resolveId(source) {
      const platform = PLATFORM_MODULES[source];
      if (platform) {
        const [namespace, name] = platform.split('/') as [string, string];
        return join(PREVIEW_DIR, 'modules', namespace, name, `${name}.js`);
      }
      // The cometd client (the preview's streaming) is plain ES modules with no exports map:
      // its entry file by path is all the resolving it needs, without a node-resolve plugin.
      if (source === 'cometd') return require.resolve('cometd');
      if (source === 'preview/layout') return VIRTUAL + source;
      // Locale, language, currency, time zone: the person's; other keys lightning-base-components'
      // scoped imports (en-US formats), which it formats with too.
      const i18n = /^@salesforce\/i18n\/([\w.]+)$/.exec(source);
      if (i18n && PERSON_I18N.has(i18n[1]!)) return VIRTUAL + source;
      if (i18n) {
        const file = join(ROOT, `node_modules/lightning-base-components/scopedImports/@salesforce-i18n-${i18n[1]}.js`);
        return existsSync(file) ? file : null;
      }
      // The package's custom labels (c.X) and lightning-base-components' own (Lightning*), both the person's.
      if (/^@salesforce\/(schema|user|messageChannel|label)\//.test(source)) return VIRTUAL + source;
      return null;
    },
    load(id) {
      if (!id.startsWith(VIRTUAL)) return null;
      const source = id.slice(VIRTUAL.length);
      if (source === 'preview/layout') {
        return [
          `export const recordPageRegions = ${JSON.stringify(recordPageRegions())};`,
          `export const quickActions = ${JSON.stringify(quickActions('Account'))};`,
          `export const homePageRegions = ${JSON.stringify(recordPageRegions(HOME_PAGE))};`,
        ].join('\n');
      }
      const [, kind, rest] = /^@salesforce\/(\w+)\/(.+)$/.exec(source)!;
      if (kind === 'schema') {
        const [objectApiName, ...field] = rest!.split('.');
        const value = field.length ? { objectApiName, fieldApiName: field.join('.') } : { objectApiName };
        return `export default Object.freeze(${JSON.stringify(value)});`;
      }
      if (kind === 'label' && !rest!.startsWith('c.')) {
        // Lightning's own words: the page's table in the person's language, else lightning-base-components' English.
        const fallback = join(
          ROOT,
          `node_modules/lightning-base-components/scopedImports/@salesforce-label-${rest}.js`,
        );
        if (!existsSync(fallback)) this.error(`${source}: lightning-base-components has no such label`);
        return `import fallback from ${JSON.stringify(fallback)};
const settings = globalThis.__STANCE_PREVIEW__ || {};
const value = (settings.lightningLabels || {})[${JSON.stringify(rest)}] ?? fallback;
export default (settings.i18n || {}).pseudo ? \`${PSEUDO_OPEN}\${value}${PSEUDO_CLOSE}\` : value;`;
      }
      if (kind === 'label') {
        const name = /^c\.(\w+)$/.exec(rest!)?.[1];
        english ??= englishLabels();
        const value = name === undefined ? undefined : english[name];
        if (value === undefined) this.error(`${source}: no such custom label in ${relative(ROOT, LABELS_FILE)}`);
        return `const table = (globalThis.__STANCE_PREVIEW__ || {}).labels || {};
export default table[${JSON.stringify(name)}] ?? ${JSON.stringify(value)};`;
      }
      if (kind === 'i18n') {
        const fallback = join(ROOT, `node_modules/lightning-base-components/scopedImports/@salesforce-i18n-${rest}.js`);
        const lbc = existsSync(fallback)
          ? `import fallback from ${JSON.stringify(fallback)};`
          : 'const fallback = undefined;';
        return `${lbc}
const value = ((globalThis.__STANCE_PREVIEW__ || {}).i18n || {})[${JSON.stringify(rest)}];
export default value ?? fallback;`;
      }
      if (kind === 'user') {
        if (rest !== 'Id') this.error(`The preview does not provide ${source}`);
        return `export default (globalThis.__STANCE_PREVIEW__ || {}).userId;`;
      }
      return `export default Object.freeze({ fullName: ${JSON.stringify(rest)} });`;
    },
  };
}

/** A flexipage's regions (the record page's by default) and their components, in order. */
export function recordPageRegions(
  file = RECORD_PAGE,
): Record<string, Array<{ componentName: string; identifier: string }>> {
  const parser = new XMLParser({ isArray: (name) => ['flexiPageRegions', 'itemInstances'].includes(name) });
  const page = (parser.parse(readFileSync(file, 'utf8')) as { FlexiPage: { flexiPageRegions?: FlexiRegion[] } })
    .FlexiPage;
  return Object.fromEntries(
    (page.flexiPageRegions ?? []).map((region) => [
      region.name,
      (region.itemInstances ?? [])
        .map((item) => item.componentInstance)
        .filter((instance): instance is FlexiComponent => !!instance)
        .map((instance) => ({ componentName: instance.componentName, identifier: instance.identifier })),
    ]),
  );
}

/** The object's quick actions that open a Lightning web component, from force-app/quickActions. */
export function quickActions(objectApiName: string): Array<{ name: string; label: string; component: string }> {
  const parser = new XMLParser();
  return readdirSync(QUICK_ACTIONS_DIR)
    .filter((file) => file.startsWith(`${objectApiName}.`) && file.endsWith('.quickAction-meta.xml'))
    .sort()
    .map((file) => {
      const action = (
        parser.parse(readFileSync(join(QUICK_ACTIONS_DIR, file), 'utf8')) as {
          QuickAction: { label: string; lightningWebComponent?: string };
        }
      ).QuickAction;
      return {
        name: file.replace('.quickAction-meta.xml', ''),
        label: action.label,
        component: action.lightningWebComponent ?? '',
      };
    })
    .filter((action) => action.component !== '');
}

interface FlexiComponent {
  componentName: string;
  identifier: string;
}
interface FlexiRegion {
  name: string;
  itemInstances?: Array<{ componentInstance?: FlexiComponent }>;
}

/** Rollup with the LWC compiler: the app entry and everything it imports, into `dir`. */
async function bundleInto(dir: string): Promise<RollupLog[]> {
  const warnings: RollupLog[] = [];
  const bundle = await rollup({
    input: join(PREVIEW_DIR, 'app/main.js'),
    plugins: [
      salesforceModules(),
      replace({
        preventAssignment: true,
        values: { 'import.meta.env.SSR': 'false', 'process.env.NODE_ENV': JSON.stringify('production') },
      }),
      lwc({
        // Form inputs in lightning-base-components use ElementInternals, which synthetic
        // shadow supports only when the compiler is told to allow it.
        enableSyntheticElementInternals: true,
        // The cometd client is plain modern JavaScript, no component: bundled as it is.
        exclude: [/[\\/]node_modules[\\/]cometd[\\/]/],
        modules: [...componentModules(), { dir: join(PREVIEW_DIR, 'modules') }, { npm: 'lightning-base-components' }],
      }),
    ],
    onwarn(warning) {
      warnings.push(warning);
    },
  });
  try {
    await bundle.write({ dir, format: 'es', entryFileNames: 'app.js', chunkFileNames: 'chunks/[name]-[hash].js' });
  } finally {
    await bundle.close();
  }
  return warnings;
}

/** Builds (or reuses) the preview bundle in `dir`; `log` gets one line per step. */
export async function buildPreview(
  options: { dir?: string; force?: boolean; log?: (line: string) => void } = {},
): Promise<BuildResult> {
  const dir = options.dir ?? DEFAULT_BUILD_DIR;
  const started = Date.now();
  const print = options.log ?? (() => undefined);
  const stamp = fingerprint();
  const stampFile = join(dir, '.fingerprint');
  if (!options.force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    return { dir, cached: true, ms: Date.now() - started, bytes: sizeOf(dir) };
  }
  print('building the preview bundle with LWC (first time about 20 s) ...');
  // Built beside and moved into place, so a second start (or a test) never serves half a bundle.
  const building = `${dir}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  let warnings: RollupLog[];
  try {
    warnings = await bundleInto(building);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    throw error;
  }
  // Warnings from inside lightning-base-components (LWC1137, LWC1057) are known and harmless.
  const ours = warnings.filter((warning) => !String(warning.id ?? '').includes('lightning-base-components'));
  for (const warning of ours) print(`  warning: ${warning.message}`);
  writeFileSync(join(building, '.fingerprint'), stamp);
  replaceDir(building, dir);
  return { dir, cached: false, ms: Date.now() - started, bytes: sizeOf(dir) };
}

/**
 * Puts a finished bundle in place with renames only, so a preview serving the old one never
 * sees half a folder. If another build (a second start, a test) moved its bundle in first,
 * theirs is as good as ours: ours is dropped.
 */
function replaceDir(built: string, dir: string): void {
  const old = `${dir}.old-${process.pid}`;
  try {
    if (existsSync(dir)) renameSync(dir, old);
    renameSync(built, dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'ENOENT') throw error;
    rmSync(built, { recursive: true, force: true });
  } finally {
    rmSync(old, { recursive: true, force: true });
  }
}

function sizeOf(dir: string): number {
  return filesUnder(dir).reduce((total, file) => total + statSync(file).size, 0);
}

runCli(
  module,
  async (argv) => {
    const result = await buildPreview({ force: argv.includes('--force'), log: console.log });
    console.log(
      `preview ${result.cached ? 'up to date' : 'built'} in ${result.dir} (${(result.bytes / 1e6).toFixed(1)} MB, ${result.ms} ms)`,
    );
  },
  { crashCode: 1, brief: 'preview build failed' },
);
