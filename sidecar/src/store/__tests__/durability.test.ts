/**
 * The mirror commits without waiting for the disk (WAL, synchronous NORMAL): what a commit wrote
 * is in the file for the next process however the one that wrote it ended (kill -9 included).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MirrorStore } from '../mirror';

const ROOT = join(__dirname, '../../../..');

jest.setTimeout(60_000);

describe('mirror durability', () => {
  it('commits in WAL mode without an fsync per commit', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'stance-sync-')), 'stance.db');
    const mirror = new MirrorStore(file);
    const db = (mirror as unknown as { database: Database.Database }).database;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    // 1 is NORMAL (2 FULL, the default: an fsync per commit).
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    mirror.close();
  });

  it('keeps every commit of a process killed with -9 right after them', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'stance-kill-')), 'stance.db');
    const script = `
      const { MirrorStore } = require('./sidecar/src/store/mirror');
      const mirror = new MirrorStore(${JSON.stringify(file)});
      for (let i = 0; i < 50; i++) mirror.upsert('Account', [{ Id: '001K' + i, Name: 'Killed ' + i }]);
      mirror.ledger.saveReplayId('/data/AccountChangeEvent', 50);
      process.kill(process.pid, 'SIGKILL');
    `;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: ROOT, encoding: 'utf8' });
    expect(child.signal).toBe('SIGKILL');
    const mirror = new MirrorStore(file);
    expect(mirror.accountCount()).toBe(50);
    expect(mirror.record('Account', '001K49')).toEqual({ Id: '001K49', Name: 'Killed 49' });
    expect(mirror.ledger.replayId('/data/AccountChangeEvent')).toBe(50);
    mirror.close();
  });
});
