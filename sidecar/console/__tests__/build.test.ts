import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = join(__dirname, '../../..');

/**
 * The build as packing runs it (tsx, its own process): rollup and the LWC compiler inside jest's
 * module registry would take minutes.
 */
async function buildConsole(out: string): Promise<{ stdout: string }> {
  return run(process.execPath, ['--import', 'tsx', join(ROOT, 'sidecar/console/build.ts'), '--out', out], {
    cwd: ROOT,
  });
}

describe('the console build', () => {
  let out: string;
  beforeAll(() => {
    out = join(mkdtempSync(join(tmpdir(), 'stance-console-')), 'console');
  });
  afterAll(() => rmSync(join(out, '..'), { recursive: true, force: true }));

  it('writes the page, the bundle and the SLDS it links, with no warning from our own modules, and leaves the sidecar modules beside it', async () => {
    // tsc compiles sidecar/src/console into the same folder: the build must not take those away.
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'routes.js'), '// compiled');
    writeFileSync(join(out, 'routes.d.ts'), 'export {};');
    writeFileSync(join(out, 'app.js'), '// a bundle from an earlier build');
    const { stdout } = await buildConsole(out);
    expect(stdout).toMatch(/^console built in /m);
    expect(stdout).not.toMatch(/warning/);
    expect(readFileSync(join(out, 'routes.js'), 'utf8')).toBe('// compiled');
    expect(existsSync(join(out, 'routes.d.ts'))).toBe(true);
    const page = readFileSync(join(out, 'index.html'), 'utf8');
    // Every file the page links is in the output, at the path the sidecar serves it (/console/...).
    const linked = [...page.matchAll(/(?:href|src)="\/console\/([^"]+)"/g)].map((match) => match[1]!);
    expect(linked.sort()).toEqual(['app.js', 'assets/styles/salesforce-lightning-design-system.min.css']);
    for (const file of linked) expect(existsSync(join(out, file))).toBe(true);
    // No inline script: the sidecar's Content-Security-Policy (helmet: script-src 'self') allows none.
    expect(page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const bundle = readFileSync(join(out, 'app.js'), 'utf8');
    expect(bundle).toContain('console-app');
    expect(bundle).toContain('/console/api/');
    // The images the style sheet points at (../images/...) come along.
    expect(existsSync(join(out, 'assets/images'))).toBe(true);
    // A second build from the same inputs (the next npm start) keeps the bundle instead of rebuilding it.
    writeFileSync(join(out, 'app.js'), `${bundle}\n// kept`);
    expect((await buildConsole(out)).stdout).toMatch(/^console unchanged, kept in /m);
    expect(readFileSync(join(out, 'app.js'), 'utf8')).toMatch(/\/\/ kept$/);
  }, 600_000);
});
