/**
 * The preview server against a real local org: it acts as the chosen demo person, never hands
 * a token to the browser, renews a refused token, names the org when it does not answer, and
 * only redirects inside itself.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULTS } from '../../local-org/org';
import { startLocalOrg } from '../../local-org/server';
import type { RunningOrg } from '../../local-org/server';
import { startPreview } from '../server';
import type { RunningPreview } from '../server';
import { signIn } from '../../testing/signIn';
import { readTranslations } from '../../i18n/labelFiles';

let org: RunningOrg;
let preview: RunningPreview;

async function startOn(orgUrl: string): Promise<RunningPreview> {
  const bundleDir = mkdtempSync(join(tmpdir(), 'stance-preview-bundle-'));
  writeFileSync(join(bundleDir, 'app.js'), 'export {};');
  return startPreview({
    port: 0,
    bundleDir,
    orgUrl,
    clientId: DEFAULTS.clientId,
    clientSecret: DEFAULTS.clientSecret,
    password: DEFAULTS.password,
    apiVersion: '62.0',
  });
}

/** A request as a browser signed in as `person` would send it (the preview keeps the person in a cookie). */
function as(person: string, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${preview.url}${path}`, {
    ...init,
    redirect: 'manual',
    headers: { ...(init.headers as Record<string, string>), cookie: `stance_preview_user=${person}` },
  });
}

const whoAmI = `/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id FROM User WHERE Id = null')}`;

beforeAll(async () => {
  org = await startLocalOrg({ seed: 'demo' });
  preview = await startOn(org.url);
});

afterAll(async () => {
  await preview.close();
  await org.close();
});

describe('the preview server', () => {
  it('serves the page with the demo person it acts as, and no token', async () => {
    const page = await as('sam', '/lightning/o/Account/list');
    const html = await page.text();
    const settings = JSON.parse(/window\.__STANCE_PREVIEW__ = (.*);<\/script>/.exec(html)![1]!) as {
      userId: string;
      user: { key: string; name: string; department: string };
      users: Array<{ key: string }>;
    };
    expect(settings.user).toMatchObject({ key: 'sam', name: 'Sam Okafor', department: 'Customer Support' });
    expect(settings.users.map((user) => user.key)).toEqual(expect.arrayContaining(['dana', 'sam', 'max']));
    expect(html).not.toMatch(/access_token|Bearer/);
  });

  it("lists the demo firm's people, never the org's system users (its admins, its integration user)", async () => {
    const admin = await signIn(org, DEFAULTS.username);
    const ids = async (soql: string) => (await admin.query<{ Id: string }>(soql)).records.map((row) => row.Id);
    const [integrationSet] = await ids("SELECT Id FROM PermissionSet WHERE Name = 'Stance_Integration'");
    const [adminProfile] = await ids("SELECT Id FROM Profile WHERE Name = 'System Administrator'");
    const system = new Set([
      ...(
        await admin.query<{ AssigneeId: string }>(
          `SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSetId = '${integrationSet}'`,
        )
      ).records.map((row) => row.AssigneeId),
      ...(await ids(`SELECT Id FROM User WHERE ProfileId IN ('${adminProfile}')`)),
    ]);
    // The org's admin account and its integration user, both seeded.
    expect(system.size).toBeGreaterThanOrEqual(2);
    const everyone = await ids("SELECT Id FROM User WHERE IsActive = true AND Username LIKE '%@stance.local'");
    const html = await (await as('dana', '/lightning/o/Account/list')).text();
    const settings = JSON.parse(/window\.__STANCE_PREVIEW__ = (.*);<\/script>/.exec(html)![1]!) as {
      users: Array<{ userId: string }>;
    };
    expect(settings.users.map((user) => user.userId).sort()).toEqual(everyone.filter((id) => !system.has(id)).sort());
  });

  it("serves the person's labels and formats, every label marked after ?pseudo=1 until ?pseudo=0", async () => {
    const settingsOf = async (path: string, cookie = 'stance_preview_user=dana') => {
      const answer = await fetch(`${preview.url}${path}`, { headers: { cookie } });
      const html = await answer.text();
      const settings = JSON.parse(/window\.__STANCE_PREVIEW__ = (.*);<\/script>/.exec(html)![1]!) as {
        labels: Record<string, string>;
        i18n: { lang: string; locale: string; pseudo: boolean };
      };
      return { settings, html, cookie: answer.headers.get('set-cookie') };
    };
    const plain = await settingsOf('/lightning/page/home');
    expect(plain.settings.i18n).toMatchObject({ lang: 'en-US', locale: 'en-US', pseudo: false });
    expect(plain.html).toContain('<html lang="en-US">');
    expect(plain.settings.labels.Stance_Panel_Title).toBe('Stance');
    const pseudo = await settingsOf('/lightning/page/home?pseudo=1');
    expect(pseudo.settings.i18n.pseudo).toBe(true);
    expect(pseudo.settings.labels.Stance_Panel_Title).toBe('⟦Stance⟧');
    expect(pseudo.cookie).toMatch(/stance_preview_pseudo=1/);
    // Later pages of the same browser stay in the pseudo-locale, until it is switched off.
    const later = await settingsOf('/lightning/o/Account/list', 'stance_preview_user=dana; stance_preview_pseudo=1');
    expect(later.settings.i18n.pseudo).toBe(true);
    const off = await settingsOf(
      '/lightning/o/Account/list?pseudo=0',
      'stance_preview_user=dana; stance_preview_pseudo=1',
    );
    expect(off.settings.i18n.pseudo).toBe(false);
    expect(off.cookie).toMatch(/stance_preview_pseudo=0/);
  });

  it("serves the German person's page in German: her labels, language, locale, time zone and Lightning's words", async () => {
    const html = await (await as('lena', '/lightning/r/Account/001000000000001AAA/view')).text();
    const settings = JSON.parse(/window\.__STANCE_PREVIEW__ = (.*);<\/script>/.exec(html)![1]!) as {
      user: { key: string };
      labels: Record<string, string>;
      lightningLabels: Record<string, string>;
      i18n: Record<string, unknown>;
    };
    expect(settings.user.key).toBe('lena');
    expect(html).toContain('<html lang="de">');
    expect(settings.i18n).toMatchObject({
      lang: 'de',
      locale: 'de-DE',
      timeZone: 'Europe/Berlin',
      'number.decimalSeparator': ',',
      pseudo: false,
    });
    const german = readTranslations('de').labels;
    expect(german.size).toBeGreaterThan(0);
    for (const [name, value] of german) expect([name, settings.labels[name]]).toEqual([name, value]);
    expect(settings.lightningLabels['LightningControl.required']).toBe('erforderlich');
  });

  it("forwards the org's APIs as that person: a record created through it is theirs", async () => {
    const [account] = (
      (await (
        await as('sam', `/services/data/v62.0/query?q=${encodeURIComponent('SELECT Id FROM Account LIMIT 1')}`)
      ).json()) as {
        records: Array<{ Id: string }>;
      }
    ).records;
    const created = await as('sam', '/services/data/v62.0/ui-api/records', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        apiName: 'Stance_Signal__c',
        fields: {
          Account__c: account!.Id,
          Trigger__c: 'SERVICE_DISSATISFACTION',
          Status__c: 'New',
          Source__c: 'Customer Support',
          Detail__c: 'Late again.',
        },
      }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const read = await as('dana', `/services/data/v62.0/ui-api/records/${id}?fields=Stance_Signal__c.CreatedBy.Alias`);
    const record = (await read.json()) as {
      fields: { CreatedBy: { value: { fields: { Alias: { value: string } } } } };
    };
    expect(record.fields.CreatedBy.value.fields.Alias.value).toBe('sam');
  });

  it("passes the org's own errors through", async () => {
    const answer = await as('dana', '/services/data/v62.0/ui-api/records/001000000000000AAA?fields=Account.Nope__c');
    expect(answer.status).toBe(400);
    const body = (await answer.json()) as Array<{ errorCode: string; message: string }>;
    expect(body[0]).toMatchObject({ errorCode: 'INVALID_FIELD', message: expect.stringContaining('Nope__c') });
  });

  it('signs in again when the org has expired the sessions', async () => {
    expect((await as('dana', whoAmI)).status).toBe(200);
    org.org.auth.expireAll();
    const again = await as('dana', whoAmI);
    expect(again.status).toBe(200);
  });

  it('signs in again when the streaming handshake is refused for an expired session', async () => {
    const handshake = () =>
      as('dana', '/cometd/62.0', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([
          { channel: '/meta/handshake', version: '1.0', supportedConnectionTypes: ['long-polling'] },
        ]),
      });
    expect(((await (await handshake()).json()) as Array<{ successful: boolean }>)[0]!.successful).toBe(true);
    org.org.auth.expireAll();
    const [reply] = (await (await handshake()).json()) as Array<{ successful: boolean; clientId?: string }>;
    expect(reply).toMatchObject({ successful: true, clientId: expect.any(String) });
  });

  it('lets only its own pages call the org: the person cookie, a local host and no foreign origin', async () => {
    const cookieless = await fetch(`${preview.url}${whoAmI}`);
    expect(cookieless.status).toBe(403);
    expect(((await cookieless.json()) as Array<{ errorCode: string }>)[0]!.errorCode).toBe('INSUFFICIENT_ACCESS');
    const foreign = await as('dana', whoAmI, { headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    // A DNS-rebinding page reaches the same socket under its own host name (fetch keeps Host).
    const rebound = await new Promise<number>((resolve, reject) => {
      const call = request(
        `${preview.url}${whoAmI}`,
        { headers: { host: 'evil.example', cookie: 'stance_preview_user=dana' } },
        (answer) => {
          answer.resume();
          resolve(answer.statusCode ?? 0);
        },
      );
      call.on('error', reject);
      call.end();
    });
    expect(rebound).toBe(403);
    const own = await as('dana', whoAmI, { headers: { origin: preview.url } });
    expect(own.status).toBe(200);
    // The page gives a first-time visitor the cookie its own calls need.
    const page = await fetch(`${preview.url}/lightning/o/Account/list`);
    expect(page.headers.get('set-cookie')).toMatch(/stance_preview_user=dana/);
  });

  it('switches person with /preview/as/<key>, redirecting only inside the preview', async () => {
    const switched = await as('dana', '/preview/as/max?next=/lightning/r/Account/001000000000001AAA/view');
    expect(switched.status).toBe(302);
    expect(switched.headers.get('location')).toBe('/lightning/r/Account/001000000000001AAA/view');
    expect(switched.headers.get('set-cookie')).toMatch(/stance_preview_user=max; Path=\/; HttpOnly; SameSite=Lax/);
    for (const next of ['//evil.example/', '/\\evil.example/', 'https://evil.example/', 'javascript:alert(1)']) {
      const elsewhere = await as('dana', `/preview/as/max?next=${encodeURIComponent(next)}`);
      expect([next, elsewhere.headers.get('location')]).toEqual([
        next,
        '/lightning/o/Account/list?filterName=Stance_At_Risk',
      ]);
    }
    const unknown = await as('dana', '/preview/as/mallory');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toMatch(/No demo person "mallory". Try: .*dana/);
  });

  it('answers a Salesforce-shaped 503 that names the org when it does not answer', async () => {
    const orphan = await startOn('http://127.0.0.1:9');
    try {
      const answer = await fetch(`${orphan.url}${whoAmI}`, { headers: { cookie: 'stance_preview_user=dana' } });
      expect(answer.status).toBe(503);
      const body = (await answer.json()) as Array<{ errorCode: string; message: string }>;
      expect(body[0]!.errorCode).toBe('SERVER_UNAVAILABLE');
      expect(body[0]!.message).toMatch(/http:\/\/127\.0\.0\.1:9 did not answer/);
      const page = await (await fetch(`${orphan.url}/lightning/o/Account/list`)).text();
      expect(page).toContain('Unknown (the org did not answer)');
    } finally {
      await orphan.close();
    }
  });
});
