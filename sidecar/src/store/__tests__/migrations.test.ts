import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../migrations';
import { MirrorStore } from '../mirror';

const fileIn = (name: string) => join(mkdtempSync(join(tmpdir(), `stance-${name}-`)), 'stance.db');

describe('the mirror schema', () => {
  it('opens a file made before schema versions were counted, keeping what it holds', () => {
    const file = fileIn('legacy');
    // What the first sidecars created: the tables, user_version left at 0.
    const legacy = new Database(file);
    legacy.exec(MIGRATIONS[0]!);
    legacy.prepare(`INSERT INTO replay_ids (channel, replay_id) VALUES ('/data/AccountChangeEvent', 77)`).run();
    legacy
      .prepare(`INSERT INTO records (object, id, account_id, data) VALUES ('Account', '001A', '001A', ?)`)
      .run(JSON.stringify({ Id: '001A', Name: 'Acme' }));
    legacy.close();

    const mirror = new MirrorStore(file);
    expect(mirror.ledger.replayId('/data/AccountChangeEvent')).toBe(77);
    expect(mirror.record('Account', '001A')).toEqual({ Id: '001A', Name: 'Acme' });
    mirror.close();
    const reopened = new Database(file, { readonly: true });
    expect(reopened.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    reopened.close();
  });

  it('refuses a file from a newer sidecar instead of guessing at its schema', () => {
    const file = fileIn('newer');
    const newer = new Database(file);
    newer.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    newer.close();
    expect(() => new MirrorStore(file)).toThrow(/newer than this sidecar knows/);
  });

  it('forgets a deleted account whole: its children, its written hash, its place in the outbox, its re-evaluation and its refused write', () => {
    const mirror = new MirrorStore(':memory:');
    mirror.upsert('Account', [
      { Id: '001A', Name: 'Acme' },
      { Id: '001B', Name: 'Other' },
    ]);
    mirror.upsert('Opportunity', [{ Id: '006A', AccountId: '001A', Amount: 10 }]);
    mirror.upsert('Contact', [{ Id: '003B', AccountId: '001B', Name: 'Bo' }]);
    mirror.ledger.recordWritten('001A', 'h', 'Defend', false, '2026-06-15T12:00:00.000Z');
    mirror.ledger.addToOutbox(['001A', '001B'], '2026-06-15T12:00:00.000Z');
    mirror.reevaluations.set('001A', 1_000);
    mirror.reevaluations.set('001B', 2_000);
    mirror.ledger.recordFailure('001A', 'FIELD_CUSTOM_VALIDATION_EXCEPTION', 'no', '2026-06-15T12:00:00.000Z');
    mirror.ledger.recordFailure('001B', 'FIELD_CUSTOM_VALIDATION_EXCEPTION', 'no', '2026-06-15T12:00:00.000Z');
    expect(mirror.ledger.failureCount()).toBe(2);

    expect(mirror.remove('Account', ['001A'], '2026-06-15T12:00:00.000Z')).toEqual(['001A']);
    expect(mirror.record('Opportunity', '006A')).toBeNull();
    expect(mirror.ledger.lastWritten('001A')).toBeNull();
    expect(mirror.ledger.outbox()).toEqual(['001B']);
    expect(mirror.reevaluations.earliest()).toBe(2_000);
    expect(mirror.ledger.failures().map((failure) => failure.accountId)).toEqual(['001B']);
    expect(mirror.ledger.failureCount()).toBe(1);
    expect(mirror.snapshot('001B')!.contacts).toHaveLength(1);
    mirror.close();
  });
});
