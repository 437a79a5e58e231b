/** A platform event that publishes immediately (PublishImmediately) goes out whatever its transaction does. */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'jsforce';
import { PROJECT_ROOT } from '../org';
import { DEFAULTS } from '../org';
import { startLocalOrg } from '../server';
import type { RunningOrg } from '../server';
import { signIn } from '../../testing/signIn';

import { CHANNEL, EVENT, VERSION } from './support/platformEvents';
import type { CompositeAnswer } from './support/platformEvents';

jest.setTimeout(60_000);

describe('a platform event that publishes immediately', () => {
  let running: RunningOrg;
  let conn: Connection;

  beforeAll(async () => {
    // force-app's metadata plus a PublishImmediately event, in a copy.
    const sourceDir = join(mkdtempSync(join(tmpdir(), 'stance-events-')), 'default');
    cpSync(join(PROJECT_ROOT, 'force-app/main/default'), sourceDir, { recursive: true });
    const eventDir = join(sourceDir, 'objects/Ping__e');
    mkdirSync(join(eventDir, 'fields'), { recursive: true });
    writeFileSync(
      join(eventDir, 'Ping__e.object-meta.xml'),
      `<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <deploymentStatus>Deployed</deploymentStatus>
    <eventType>HighVolume</eventType>
    <label>Ping</label>
    <pluralLabel>Pings</pluralLabel>
    <publishBehavior>PublishImmediately</publishBehavior>
</CustomObject>
`,
    );
    writeFileSync(
      join(eventDir, 'fields/Note__c.field-meta.xml'),
      `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Note__c</fullName>
    <label>Note</label>
    <length>80</length>
    <type>Text</type>
    <required>false</required>
</CustomField>
`,
    );
    running = await startLocalOrg({ seed: 'none', sourceDir });
    conn = await signIn(running, DEFAULTS.username);
  });

  afterAll(() => running.close());

  it('goes out even when the transaction it was published in rolls back', async () => {
    const accountId = ((await conn.sobject('Account').create({ Name: 'Pinged' })) as { id: string }).id;
    expect(running.org.schema.object('Ping__e')).toMatchObject({
      keyPrefix: 'e00',
      platformEvent: { publishAfterCommit: false },
    });
    expect(running.org.schema.object(EVENT)).toMatchObject({ keyPrefix: 'e01' });
    const answer = await conn.requestPost<CompositeAnswer>(`/services/data/v${VERSION}/composite`, {
      allOrNone: true,
      compositeRequest: [
        {
          method: 'POST',
          url: `/services/data/v${VERSION}/sobjects/Ping__e`,
          referenceId: 'ping',
          body: { Note__c: 'sent anyway' },
        },
        {
          method: 'POST',
          url: `/services/data/v${VERSION}/sobjects/${EVENT}`,
          referenceId: 'announce',
          body: { Account_Ids__c: accountId },
        },
        {
          method: 'PATCH',
          url: `/services/data/v${VERSION}/sobjects/Account/${accountId}`,
          referenceId: 'bad',
          body: { Stance__c: 'Atack' },
        },
      ],
    });
    expect(answer.compositeResponse.map((sub) => sub.httpStatusCode)).toEqual([400, 400, 400]);
    expect(
      running.org.hub.stored('/event/Ping__e').map((entry) => (entry.data as { payload: unknown }).payload),
    ).toEqual([expect.objectContaining({ Note__c: 'sent anyway', CreatedById: running.org.adminUserId })]);
    expect(running.org.hub.stored(CHANNEL)).toEqual([]);
  });
});
