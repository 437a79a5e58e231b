/**
 * Custom event channels in a package: the shipped one reads back with its filter, and what a
 * deploy refuses (an unknown channel, a change event on an event channel, the same entity twice, a
 * filter outside the documented subset) is named with its file and component.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployProblems } from '../deployChecks';
import { readEventChannels } from '../eventChannels';
import { readProjectMetadata } from '../reader';

const PROJECT_ROOT = join(__dirname, '../../..');
const XMLNS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';

function packageWith(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'channels-'));
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), `<?xml version="1.0" encoding="UTF-8"?>\n${body}\n`);
  }
  return readProjectMetadata(dir, dir);
}
const channel = (type: string) =>
  `<PlatformEventChannel ${XMLNS}><channelType>${type}</channelType><label>L</label></PlatformEventChannel>`;
const member = (channelName: string, entity: string, filter?: string) =>
  `<PlatformEventChannelMember ${XMLNS}><eventChannel>${channelName}</eventChannel>${
    filter ? `<filterExpression>${filter}</filterExpression>` : ''
  }<selectedEntity>${entity}</selectedEntity></PlatformEventChannelMember>`;

describe('custom event channels in the package', () => {
  it("reads force-app's channel: Account changes, less the sidecar's own writes, at /data/Stance_Accounts__chn", () => {
    const metadata = readProjectMetadata(join(PROJECT_ROOT, 'force-app/main/default'), PROJECT_ROOT);
    const { channels, problems } = readEventChannels(metadata);
    expect(problems).toEqual([]);
    expect(channels).toEqual([
      expect.objectContaining({
        name: 'Stance_Accounts__chn',
        path: '/data/Stance_Accounts__chn',
        members: [
          expect.objectContaining({
            selectedEntity: 'AccountChangeEvent',
            filterExpression: "ChangeEventHeader.changeOrigin != 'com/salesforce/api/rest/62.0;client=stance-sidecar'",
          }),
        ],
      }),
    ]);
  });

  it('refuses what Salesforce would not deploy, naming file and component', () => {
    const metadata = packageWith({
      'platformEventChannels/Feed__chn.platformEventChannel-meta.xml': channel('data'),
      'platformEventChannels/Orders__chn.platformEventChannel-meta.xml': channel('event'),
      'platformEventChannelMembers/Feed_chn_AccountChangeEvent.platformEventChannelMember-meta.xml': member(
        'Feed__chn',
        'AccountChangeEvent',
        "ChangeEventHeader.changedFields = 'Name'",
      ),
      'platformEventChannelMembers/Feed_chn_ContactChangeEvent.platformEventChannelMember-meta.xml': member(
        'Feed__chn',
        'ContactChangeEvent',
      ),
      'platformEventChannelMembers/Feed_chn_Contact2.platformEventChannelMember-meta.xml': member(
        'Feed__chn',
        'ContactChangeEvent',
      ),
      'platformEventChannelMembers/Orders_chn_AccountChangeEvent.platformEventChannelMember-meta.xml': member(
        'Orders__chn',
        'AccountChangeEvent',
      ),
      'platformEventChannelMembers/Gone_chn_AccountChangeEvent.platformEventChannelMember-meta.xml': member(
        'Gone__chn',
        'AccountChangeEvent',
      ),
    });
    const messages = deployProblems(metadata, { historyObjects: new Set() }).map(
      (problem) => `${problem.component}: ${problem.message}`,
    );
    expect(messages).toEqual(
      expect.arrayContaining([
        'PlatformEventChannelMember Feed_chn_AccountChangeEvent: filterExpression: ChangeEventHeader.changedFields is an array: Salesforce refuses array header fields in a filter',
        'PlatformEventChannelMember Feed_chn_ContactChangeEvent: ContactChangeEvent is already a member of Feed__chn',
        'PlatformEventChannelMember Orders_chn_AccountChangeEvent: AccountChangeEvent is a change event: its channel Orders__chn must have channelType data',
        'PlatformEventChannelMember Gone_chn_AccountChangeEvent: eventChannel Gone__chn: no PlatformEventChannel named Gone__chn found (ship platformEventChannels/Gone__chn.platformEventChannel-meta.xml)',
      ]),
    );
    expect(messages.filter((message) => message.startsWith('PlatformEventChannel'))).toHaveLength(4);
  });
});
