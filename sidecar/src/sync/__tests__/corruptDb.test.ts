import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import pino from 'pino';
import { ACCOUNTS } from '../../../../scripts/demo-data/firm';
import { DEFAULTS } from '../../../../scripts/local-org/org';
import { startLocalOrg } from '../../../../scripts/local-org/server';
import { signIn } from '../../../../scripts/testing/signIn';
import { startSidecar } from '../../sidecar';
import { accountNamed, settled, sidecarConfig } from './support/harness';

jest.setTimeout(60_000);

describe('a corrupt STANCE_DB', () => {
  it('is set aside with a log line saying so, and the mirror is rebuilt from the org', async () => {
    const org = await startLocalOrg({ seed: 'demo' });
    const config = sidecarConfig(org);
    writeFileSync(config.dbFile, 'half a page of something that is not SQLite'.repeat(100));
    const lines: Array<{ msg: string; asideAs?: string; file?: string }> = [];
    const logger = pino(
      { level: 'warn' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
          done();
        },
      }),
    );
    const sidecar = await startSidecar(config, { logger });
    try {
      await settled(sidecar);
      const said = lines.find((line) => /STANCE_DB is not a valid database/.test(line.msg));
      expect(said).toMatchObject({ file: config.dbFile, asideAs: expect.stringContaining('.corrupt-') });
      expect(readFileSync(said!.asideAs!, 'utf8')).toMatch(/^half a page/);
      expect(existsSync(config.dbFile)).toBe(true);
      expect(sidecar.sync.accountCount).toBe(ACCOUNTS.length);
      const admin = await signIn(org, DEFAULTS.username);
      expect(await accountNamed(admin, 'Kakao Werke GmbH')).toMatchObject({ Stance__c: 'Defend', At_Risk__c: true });
      expect((await fetch(`${sidecar.url}/readyz`)).status).toBe(200);
    } finally {
      await sidecar.stop();
      await org.close();
    }
  });
});
