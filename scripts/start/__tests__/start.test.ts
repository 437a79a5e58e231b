import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { ACCOUNTS } from '../../demo-data/firm';
import { freePort } from '../../testing/ports';

// The first start builds the preview bundle (about 20 s on a small machine).
jest.setTimeout(150_000);

const ROOT = join(__dirname, '../../..');

/** `npm start` as a user runs it, with its output collected; killed after the test whatever happens. */
function npmStart(env: Record<string, string>): {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<number | null>;
  until: (text: string, timeoutMs?: number) => Promise<void>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  running.push(child);
  const until = async (text: string, timeoutMs = 120_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!output.includes(text)) {
      if (Date.now() > deadline || child.exitCode !== null) {
        throw new Error(`npm start never printed "${text}"; it printed:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  return { child, output: () => output, exited, until };
}

const running: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

describe('npm start', () => {
  it('brings up the local org, the sidecar and the preview, prints the URLs, and stops all three on Ctrl-C', async () => {
    const [orgPort, sidecarPort, previewPort] = [await freePort(), await freePort(), await freePort()];
    const start = npmStart({
      LOCAL_ORG_PORT: String(orgPort),
      STANCE_PORT: String(sidecarPort),
      PREVIEW_PORT: String(previewPort),
    });
    await start.until('Stance is running.');
    const output = start.output();
    expect(output).toContain(`local org ready at http://127.0.0.1:${orgPort}`);
    expect(output).toContain(`: ${ACCOUNTS.length} accounts classified, ${ACCOUNTS.length} written`);
    // Ready once it follows the stream; on a loaded machine a slow answer may say not ready for a moment.
    let readyBody: unknown = null;
    for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
      readyBody = await (await fetch(`http://127.0.0.1:${sidecarPort}/readyz`)).json();
      if ((readyBody as { ready?: boolean }).ready === true) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(readyBody).toMatchObject({ ready: true });
    expect(output).toContain(`preview     http://127.0.0.1:${previewPort}/`);
    // The console's address on the sidecar, where the demo's admin signs in with the org.
    expect(output).toContain(
      `Console (sign in as Sofia Marin, sofia@stance.local/stance-local): http://localhost:${sidecarPort}/console/`,
    );
    // The org sends admins back to the console on this port: its External Client App lists the
    // callback (the built-in one knows only the default port, 7200).
    const authorize = new URL(`http://127.0.0.1:${orgPort}/services/oauth2/authorize`);
    authorize.search = new URLSearchParams({
      response_type: 'code',
      client_id: 'stance-console',
      redirect_uri: `http://localhost:${sidecarPort}/console/oauth/callback`,
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      state: 'start-test',
    }).toString();
    const signInPage = await fetch(authorize);
    expect(`${signInPage.status} ${await signInPage.text()}`).toMatch(/^200 [\s\S]*Log In/);
    // The console is built and served: its page and its bundle, not the "no console bundle" page.
    const consolePage = await fetch(`http://localhost:${sidecarPort}/console/`);
    expect(`${consolePage.status} ${await consolePage.text()}`).toMatch(
      /^200 [\s\S]*<script type="module" src="\/console\/app.js">/,
    );
    expect((await fetch(`http://localhost:${sidecarPort}/console/app.js`)).status).toBe(200);
    // The preview's first page (which gives the browser its person), and an org call through it.
    const home = await fetch(`http://127.0.0.1:${previewPort}/`);
    expect(home.url).toContain('/lightning/o/Account/list?filterName=Stance_At_Risk');
    expect(await home.text()).toContain('"key":"dana"');
    const cookie = home.headers.get('set-cookie')!.split(';')[0]!;
    const accounts = await fetch(
      `http://127.0.0.1:${previewPort}/services/data/v62.0/query?q=${encodeURIComponent('SELECT COUNT() FROM Account')}`,
      { headers: { cookie } },
    );
    expect(await accounts.json()).toMatchObject({ totalSize: ACCOUNTS.length });

    start.child.kill('SIGINT');
    expect(await start.exited).toBe(0);
    expect(start.output()).toContain('preview stopped');
    expect(start.output()).toContain('sidecar stopped');
    expect(start.output()).toContain('local org stopped');
  });

  it('stops what has started when Ctrl-C comes while it is still starting', async () => {
    const orgPort = await freePort();
    const start = npmStart({ LOCAL_ORG_PORT: String(orgPort), STANCE_PORT: '0', PREVIEW_PORT: '0' });
    await start.until('starting the sidecar');
    start.child.kill('SIGINT');
    expect(await start.exited).toBe(0);
    expect(start.output()).toContain('local org stopped');
    expect(start.output()).not.toContain('Stance is running.');
    await expect(fetch(`http://127.0.0.1:${orgPort}/services/data`)).rejects.toThrow();
  });

  it('says which setting to change when a port is invalid', async () => {
    const start = npmStart({ LOCAL_ORG_PORT: 'seventy-one-hundred' });
    expect(await start.exited).toBe(1);
    expect(start.output()).toContain('LOCAL_ORG_PORT: must be a port number (0 to 65535), got "seventy-one-hundred"');
  });
});
