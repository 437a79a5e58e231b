/**
 * Builds the Stance console into sidecar/dist/console/: the console's components (sidecar/console/
 * modules, namespace `console`) with lightning-base-components, bundled by rollup with LWC OSS as
 * the preview is (scripts/preview/build.ts), the page, and the SLDS style sheet and images. Run
 * when the sidecar is packed (its prepack), so a sidecar installed without development
 * dependencies serves the console. `tsx sidecar/console/build.ts [--out <dir>]`
 */
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import lwc from '@lwc/rollup-plugin';
import replace from '@rollup/plugin-replace';
import { rollup } from 'rollup';
import type { Plugin, RollupLog } from 'rollup';

const CONSOLE_DIR = __dirname;
const ROOT = join(CONSOLE_DIR, '../..');
export const DEFAULT_OUT_DIR = join(CONSOLE_DIR, '../dist/console');
const SLDS = join(ROOT, 'node_modules/@salesforce-ux/design-system/assets');
const SLDS_CSS = 'styles/salesforce-lightning-design-system.min.css';
/** What the build puts in the output folder, and all it ever replaces there. */
const BUNDLE_ENTRIES = ['index.html', 'app.js', 'chunks', 'assets', '.fingerprint'] as const;

export interface ConsoleBuild {
  readonly dir: string;
  readonly bytes: number;
  readonly warnings: readonly string[];
  /** True when the bundle in `dir` was built from the same inputs and kept as it was. */
  readonly cached: boolean;
}

/**
 * `@salesforce/i18n/*` and `@salesforce/label/*` that lightning-base-components import: their
 * scoped defaults (en-US), as the preview resolves them for a person without a language.
 */
function lightningScopedImports(): Plugin {
  return {
    name: 'stance-console-scoped-imports',
    resolveId(source) {
      const scoped = /^@salesforce\/(i18n|label)\/([\w.]+)$/.exec(source);
      if (!scoped) return null;
      const file = join(
        ROOT,
        `node_modules/lightning-base-components/scopedImports/@salesforce-${scoped[1]}-${scoped[2]}.js`,
      );
      if (!existsSync(file))
        this.error(`${source}: lightning-base-components has no such scoped import (${relative(ROOT, file)})`);
      return file;
    },
  };
}

async function bundleInto(dir: string): Promise<RollupLog[]> {
  const warnings: RollupLog[] = [];
  const bundle = await rollup({
    input: join(CONSOLE_DIR, 'app/main.js'),
    plugins: [
      lightningScopedImports(),
      replace({
        preventAssignment: true,
        values: { 'import.meta.env.SSR': 'false', 'process.env.NODE_ENV': JSON.stringify('production') },
      }),
      lwc({
        // Form inputs in lightning-base-components use ElementInternals, which synthetic shadow
        // supports only when the compiler is told to allow it.
        enableSyntheticElementInternals: true,
        modules: [{ dir: join(CONSOLE_DIR, 'modules') }, { npm: 'lightning-base-components' }],
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

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Changes when any input of the bundle changes: the console's sources, this script, the installed versions. */
function fingerprint(): string {
  const hash = createHash('sha256');
  const inputs = [
    ...filesUnder(join(CONSOLE_DIR, 'app')),
    ...filesUnder(join(CONSOLE_DIR, 'modules')).filter((file) => !file.includes('__tests__')),
    join(CONSOLE_DIR, 'build.ts'),
    join(ROOT, 'package-lock.json'),
  ].sort();
  for (const file of inputs) hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

function bundleBytes(out: string): number {
  return BUNDLE_ENTRIES.filter((entry) => existsSync(join(out, entry)))
    .flatMap((entry) => (statSync(join(out, entry)).isDirectory() ? filesUnder(join(out, entry)) : [join(out, entry)]))
    .reduce((total, file) => total + statSync(file).size, 0);
}

/**
 * Builds beside the output, then renames each of the bundle's entries (index.html, app.js, chunks/,
 * assets/) into place, so a serving sidecar never sees half a console. Only those entries are
 * replaced: the sidecar's own compiled modules (sidecar/src/console → dist/console) share the folder.
 */
export async function buildConsole(out = DEFAULT_OUT_DIR): Promise<ConsoleBuild> {
  if (!existsSync(join(SLDS, SLDS_CSS))) {
    throw new Error(
      `${relative(ROOT, join(SLDS, SLDS_CSS))} is missing: install the development dependencies (npm ci) first`,
    );
  }
  // A second `npm start` keeps the bundle it built (about 20 s) when nothing it is built from changed.
  const stamp = fingerprint();
  const stampFile = join(out, '.fingerprint');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && existsSync(join(out, 'app.js')))
    return { dir: out, bytes: bundleBytes(out), warnings: [], cached: true };
  const building = `${out}.building-${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  let warnings: RollupLog[];
  try {
    warnings = await bundleInto(building);
    cpSync(join(CONSOLE_DIR, 'app/index.html'), join(building, 'index.html'));
    cpSync(join(SLDS, SLDS_CSS), join(building, 'assets', SLDS_CSS));
    cpSync(join(SLDS, 'images'), join(building, 'assets/images'), { recursive: true });
    writeFileSync(join(building, '.fingerprint'), stamp);
    mkdirSync(out, { recursive: true });
    for (const entry of BUNDLE_ENTRIES) {
      const old = join(out, `${entry}.old-${process.pid}`);
      if (existsSync(join(out, entry))) renameSync(join(out, entry), old);
      if (existsSync(join(building, entry))) renameSync(join(building, entry), join(out, entry));
      rmSync(old, { recursive: true, force: true });
    }
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  // Warnings from inside lightning-base-components (LWC1137, LWC1057) are known and harmless.
  const ours = warnings
    .filter((warning) => !String(warning.id ?? '').includes('lightning-base-components'))
    .map((warning) => warning.message);
  return { dir: out, bytes: bundleBytes(out), warnings: ours, cached: false };
}

if (require.main === module) {
  const at = process.argv.indexOf('--out');
  const out = at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : DEFAULT_OUT_DIR;
  buildConsole(out).then(
    (result) => {
      for (const warning of result.warnings) console.log(`  warning: ${warning}`);
      console.log(
        `console ${result.cached ? 'unchanged, kept' : 'built'} in ${relative(process.cwd(), result.dir) || '.'} (${(result.bytes / 1e6).toFixed(1)} MB)`,
      );
    },
    (error: unknown) => {
      console.error(`console build failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
