import {
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { MirrorStore } from '../mirror';
import type { SetAside } from '../mirror';

const fileIn = (name: string) => join(mkdtempSync(join(tmpdir(), `stance-${name}-`)), 'stance.db');

describe('a mirror file that is not a valid database', () => {
  it('is renamed aside with a timestamp, and a new mirror made in its place', () => {
    const file = fileIn('garbage');
    writeFileSync(file, 'this is not an SQLite database, it is a note someone saved here\n'.repeat(200));
    const told: SetAside[] = [];
    const mirror = new MirrorStore(file, (aside) => told.push(aside));
    expect(mirror.allAccountIds()).toEqual([]);
    expect(mirror.ledger.loaded).toBe(false);
    mirror.close();
    expect(told).toEqual([
      {
        file,
        asideAs: expect.stringMatching(/stance\.db\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z$/),
        problem: expect.any(String),
      },
    ]);
    expect(readFileSync(told[0]!.asideAs, 'utf8')).toMatch(/^this is not an SQLite database/);
    expect(readdirSync(dirname(file)).sort()).toEqual(
      expect.arrayContaining(['stance.db', told[0]!.asideAs.split('/').pop()!]),
    );
  });

  it('is set aside when its pages are damaged (quick_check fails), keeping a healthy file as it is', () => {
    const file = fileIn('damaged');
    const healthy = new MirrorStore(file);
    healthy.ledger.saveReplayId('/data/AccountChangeEvent', 5);
    for (let index = 0; index < 300; index++)
      healthy.applyChange('Account', `001${String(index).padStart(15, '0')}`, { Name: `Account ${index}` }, [], 'x');
    healthy.close();
    const untouched: SetAside[] = [];
    new MirrorStore(file, (aside) => untouched.push(aside)).close();
    expect(untouched).toEqual([]);

    // Scribble over the middle of the file, as a torn write or a bad disk would.
    const size = statSync(file).size;
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);
    const told: SetAside[] = [];
    const mirror = new MirrorStore(file, (aside) => told.push(aside));
    expect(told).toHaveLength(1);
    expect(mirror.ledger.replayId('/data/AccountChangeEvent')).toBeNull();
    mirror.close();
  });
});
