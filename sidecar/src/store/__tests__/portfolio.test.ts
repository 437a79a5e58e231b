import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MirrorStore } from '../mirror';

const AT = '2026-11-30T00:05:00.000Z';

describe('the portfolio jobs in STANCE_DB', () => {
  it('remembers the last day each job ran, with its summary, across a restart', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'stance-portfolio-')), 'stance.db');
    const first = new MirrorStore(file);
    expect(first.portfolio.lastDay('snapshots')).toBeNull();
    first.portfolio.saveDay('snapshots', '2026-11-29', AT, { written: 2 });
    first.portfolio.saveDay('snapshots', '2026-11-30', AT, { written: 3, refused: 1 });
    first.close();
    const again = new MirrorStore(file);
    expect(again.portfolio.lastDay('snapshots')).toEqual({
      day: '2026-11-30',
      at: AT,
      summary: { written: 3, refused: 1 },
    });
    expect(again.portfolio.lastDay('digest')).toBeNull();
    again.close();
  });

  it('claims each manager’s digest once a day, and forgets earlier days', () => {
    const mirror = new MirrorStore(':memory:');
    expect(mirror.portfolio.claimDigests('2026-11-29', ['max'], AT)).toEqual(['max']);
    expect(mirror.portfolio.claimDigests('2026-11-30', ['max', 'cleo'], AT)).toEqual(['max', 'cleo']);
    expect(mirror.portfolio.claimDigests('2026-11-30', ['cleo', 'ana'], AT)).toEqual(['ana']);
    expect(mirror.portfolio.digestsSent('2026-11-30').sort()).toEqual(['ana', 'cleo', 'max']);
    expect(mirror.portfolio.digestsSent('2026-11-29')).toEqual([]);
    mirror.close();
  });
});
