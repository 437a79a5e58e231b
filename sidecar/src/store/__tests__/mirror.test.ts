import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Connection } from 'jsforce';
import { startLocalOrg } from '../../../../scripts/local-org/server';
import { DEFAULTS } from '../../../../scripts/local-org/org';
import { classify } from '../../domain';
import { shippedCompiled } from '../../domain/__tests__/support/shippedConfig';
import { readAllQuery } from '../../sync/queries';
import { MIRRORED_OBJECTS, MirrorStore } from '../mirror';

const AT = '2026-06-15T12:00:00.000Z';

describe('the mirror', () => {
  it('holds the demo firm as read from the org, and the engine classifies it from there', async () => {
    const running = await startLocalOrg({ seed: 'demo' });
    const mirror = new MirrorStore(':memory:');
    try {
      const conn = new Connection({
        oauth2: { loginUrl: running.url, clientId: DEFAULTS.clientId, clientSecret: DEFAULTS.clientSecret },
        version: '62.0',
      });
      await conn.authorize({ grant_type: 'client_credentials' });
      // The queries the sidecar sends, so a field the engine reads but the query forgets shows here.
      for (const object of MIRRORED_OBJECTS) {
        const answer = await conn.query(readAllQuery(object), { autoFetch: true });
        mirror.upsert(object, answer.records as Array<Record<string, unknown>>);
      }

      const names = new Map(mirror.allAccountIds().map((id) => [mirror.record('Account', id)!.Name as string, id]));
      const stanceOf = (name: string) =>
        classify(mirror.snapshot(names.get(name)!)!, shippedCompiled(), Date.now()).explanation;
      expect(stanceOf('Kakao Werke GmbH')).toMatchObject({ stance: 'Defend', atRisk: true });
      expect(stanceOf('Chocolaterie Lumière')).toMatchObject({ stance: 'Defend', atRisk: false });
      expect(stanceOf('Sweet Harbor Candy Co.')).toMatchObject({
        stance: 'Attack',
        rule: { name: 'Prospect_With_Opening' },
      });
      expect(stanceOf('Andes Mining Supplies')).toMatchObject({ stance: 'Fire' });
      expect(stanceOf('Cioccolato Torino')).toMatchObject({ stance: 'Fire', rule: { name: 'Misaligned_Customer' } });
      expect(stanceOf('Pacific Paper Co.')).toMatchObject({ stance: 'None' });
      const kakaoSignals = mirror.snapshot(names.get('Kakao Werke GmbH')!)!.signals;
      expect(kakaoSignals.map((signal) => signal.CreatedByName)).toEqual(
        expect.arrayContaining(['Dana Reyes', 'Sam Okafor']),
      );
    } finally {
      mirror.close();
      await running.close();
    }
  });

  it('applies change events: changed and nulled fields, compound addresses and names', () => {
    const mirror = new MirrorStore(':memory:');
    mirror.upsert('Account', [
      { Id: '001A', Name: 'Acme', Industry: 'Bakery', Rating: 'Hot', BillingCountry: 'France' },
    ]);
    const account = mirror.applyChange(
      'Account',
      '001A',
      { BillingAddress: { Country: 'Germany', City: 'Köln' }, Industry: 'Confectionery' },
      ['Rating'],
      AT,
    );
    expect(account).toBe('001A');
    expect(mirror.record('Account', '001A')).toEqual({
      Id: '001A',
      Name: 'Acme',
      Industry: 'Confectionery',
      Rating: null,
      BillingCountry: 'Germany',
    });
    mirror.applyChange(
      'Contact',
      '003A',
      { AccountId: '001A', Name: { FirstName: 'Ada', LastName: 'Lovelace' }, Title: 'Buyer' },
      [],
      AT,
    );
    expect(mirror.record('Contact', '003A')).toMatchObject({ AccountId: '001A', Name: 'Ada Lovelace', Title: 'Buyer' });
  });

  it('notes key people changing title or leaving, and knows the account of what was removed', () => {
    const mirror = new MirrorStore(':memory:');
    mirror.upsert('Account', [{ Id: '001A', Name: 'Acme' }]);
    mirror.upsert('Contact', [
      { Id: '003A', AccountId: '001A', Name: 'Ada', Title: 'Buyer' },
      { Id: '003B', AccountId: '001A', Name: 'Bo', Title: 'Head of R&D' },
    ]);
    mirror.applyChange('Contact', '003A', { Title: 'Chief Procurement Officer' }, [], AT);
    expect(mirror.remove('Contact', ['003B'], AT)).toEqual(['001A']);
    const detections: ReturnType<MirrorStore['ledger']['pendingDetections']> = [
      {
        contactId: '003A',
        accountId: '001A',
        name: 'Ada',
        change: 'retitled',
        at: AT,
        title: 'Chief Procurement Officer',
        previousTitle: 'Buyer',
      },
      {
        contactId: '003B',
        accountId: '001A',
        name: 'Bo',
        change: 'left',
        at: AT,
        title: 'Head of R&D',
        previousTitle: null,
      },
    ];
    expect(mirror.ledger.pendingDetections()).toEqual(detections);
    // The engine sees them once persisted as Detected signals, never from the local store.
    expect(mirror.snapshot('001A')!.keyPersonChanges).toBeUndefined();
    mirror.ledger.markDetectionPersisted(detections[0]!);
    expect(mirror.ledger.pendingDetections()).toEqual([detections[1]]);
    expect(mirror.snapshot('001A')!.contacts).toHaveLength(1);
    expect(mirror.accountIdsOf('Contact', ['003A', 'unknown'])).toEqual(['001A']);
    expect(mirror.snapshot('unknown')).toBeNull();
  });

  it('finds the accounts a market signal concerns', () => {
    const mirror = new MirrorStore(':memory:');
    mirror.upsert('Account', [
      { Id: '001A', Industry: 'Chocolate', BillingCountry: 'Italy' },
      { Id: '001B', Industry: 'Chocolate', BillingCountry: 'France' },
      { Id: '001C', Industry: 'Bakery', BillingCountry: 'Italy' },
    ]);
    expect(mirror.accountIdsFor('chocolate', null)).toEqual(['001A', '001B']);
    expect(mirror.accountIdsFor(null, 'Italy')).toEqual(['001A', '001C']);
    expect(mirror.accountIdsFor('Chocolate', 'Italy')).toEqual(['001A']);
  });

  it('keeps in the outbox an account marked again while its write was out, and lets the others go', () => {
    const mirror = new MirrorStore(':memory:');
    // Both marked, then classified at 12:00:01 and sent; a catch-up marks 001B again meanwhile.
    mirror.ledger.addToOutbox(['001A', '001B'], '2026-06-15T12:00:00.000Z');
    mirror.ledger.addToOutbox(['001B'], '2026-06-15T12:00:02.000Z');
    mirror.ledger.removeWrittenFromOutbox(['001A', '001B'], '2026-06-15T12:00:01.000Z');
    expect(mirror.ledger.outbox()).toEqual(['001B']);
    // An older mark arriving late does not hide the newer one.
    mirror.ledger.addToOutbox(['001B'], '2026-06-15T12:00:00.500Z');
    mirror.ledger.removeWrittenFromOutbox(['001B'], '2026-06-15T12:00:01.500Z');
    expect(mirror.ledger.outbox()).toEqual(['001B']);
    mirror.ledger.removeWrittenFromOutbox(['001B'], '2026-06-15T12:00:03.000Z');
    expect(mirror.ledger.outbox()).toEqual([]);
    mirror.close();
  });

  it('keeps replay ids and written hashes in its file across restarts', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'stance-mirror-')), 'data', 'stance.db');
    const first = new MirrorStore(file);
    first.ledger.saveReplayId('/data/AccountChangeEvent', 42);
    first.ledger.recordWritten('001A', 'abc123', 'Defend', true, AT);
    first.ledger.addToOutbox(['001B', '001C'], AT);
    first.ledger.removeFromOutbox(['001C']);
    first.ledger.recordFailure('001D', 'FIELD_CUSTOM_VALIDATION_EXCEPTION', 'Rating is required', AT);
    first.ledger.saveWatermark('Account', '2026-06-15T12:00:00.000Z');
    first.ledger.saveWatermark('Account', '2026-06-14T12:00:00.000Z');
    first.close();
    const second = new MirrorStore(file);
    expect(second.ledger.replayId('/data/AccountChangeEvent')).toBe(42);
    expect(second.ledger.replayId('/data/ContactChangeEvent')).toBeNull();
    expect(second.ledger.lastWritten('001A')).toEqual({ hash: 'abc123', stance: 'Defend', atRisk: true });
    expect(second.ledger.outbox()).toEqual(['001B']);
    expect(second.ledger.failures()).toEqual([
      {
        accountId: '001D',
        errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
        message: 'Rating is required',
        at: AT,
        attempts: 1,
      },
    ]);
    // A watermark never moves back.
    expect(second.ledger.watermark('Account')).toBe('2026-06-15T12:00:00.000Z');
    second.close();
  });
});
