import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const DOMAIN = join(__dirname, '..');
/** Libraries the domain may use: pure computation, no I/O. */
const ALLOWED_PACKAGES = ['zod', '@jetstreamapp/soql-parser-js', 're2js'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (entry === '__tests__') return [];
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*from\s+'([^']+)'|require\('([^']+)'\)|import\('([^']+)'\)/g)].map(
    (match) => match[1] ?? match[2] ?? match[3]!,
  );
}

describe('sidecar/src/domain', () => {
  const files = sources(DOMAIN);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('imports nothing from the rest of the project and no I/O library', () => {
    const offending: string[] = [];
    for (const file of files) {
      for (const specifier of imports(file)) {
        const local = specifier.startsWith('.');
        const inside = local && !relative(DOMAIN, resolve(dirname(file), specifier)).startsWith('..');
        if (local ? !inside : !ALLOWED_PACKAGES.includes(specifier))
          offending.push(`${relative(DOMAIN, file)} -> ${specifier}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('never reads the clock or draws random numbers', () => {
    const offending = files.filter((file) =>
      /Date\.now\(|new Date\(\)|Math\.random\(|performance\.now\(/.test(readFileSync(file, 'utf8')),
    );
    expect(offending).toEqual([]);
  });
});
