import { freePort } from '../../testing/ports';
import { ACCOUNTS } from '../../demo-data/firm';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

// The first start builds the preview bundle (about 20 s on a small machine).
jest.setTimeout(150_000);

const ROOT = join(__dirname, '../../..');

describe('npm start', () => {
  it('brings up the local org, the sidecar and the preview, prints the URLs, and stops all three on Ctrl-C', async () => {
    const [orgPort, sidecarPort, previewPort] = [await freePort(), await freePort(), await freePort()];
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        LOCAL_ORG_PORT: String(orgPort),
        STANCE_PORT: String(sidecarPort),
        PREVIEW_PORT: String(previewPort),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    for (let i = 0; i < 1200 && !output.includes('Stance is running.'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(output).toContain(`local org ready at http://127.0.0.1:${orgPort}`);
    expect(output).toContain(`: ${ACCOUNTS.length} accounts classified, ${ACCOUNTS.length} written`);
    const ready = await fetch(`http://127.0.0.1:${sidecarPort}/readyz`);
    expect(await ready.json()).toMatchObject({ ready: true });
    expect(output).toContain(`preview     http://127.0.0.1:${previewPort}/`);
    // The preview's first page, and an org call through it as the demo rep.
    const home = await fetch(`http://127.0.0.1:${previewPort}/`);
    expect(home.url).toContain('/lightning/o/Account/list?filterName=Stance_At_Risk');
    expect(await home.text()).toContain('"key":"dana"');
    const accounts = await fetch(
      `http://127.0.0.1:${previewPort}/services/data/v62.0/query?q=${encodeURIComponent('SELECT COUNT() FROM Account')}`,
    );
    expect(await accounts.json()).toMatchObject({ totalSize: ACCOUNTS.length });

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('preview stopped');
    expect(output).toContain('sidecar stopped');
    expect(output).toContain('local org stopped');
  });

  it('says which setting to change when a port is invalid', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, LOCAL_ORG_PORT: 'seventy-one-hundred' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain('LOCAL_ORG_PORT: must be a port number (0 to 65535), got "seventy-one-hundred"');
  });
});
