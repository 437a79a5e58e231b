/**
 * Custom event channels shipped as metadata: a PlatformEventChannel
 * (`platformEventChannels/<Name>__chn.platformEventChannel-meta.xml`, channelType data for change
 * events, event for platform events) and its PlatformEventChannelMembers
 * (`platformEventChannelMembers/*.platformEventChannelMember-meta.xml`: eventChannel, selectedEntity
 * and an optional filterExpression). A data channel is subscribed at /data/<Name>__chn. What a
 * deploy refuses here: a member on a channel neither the package nor every org has, a change event
 * on a channel that is not a data channel, the same entity twice on one channel, a filter that does
 * not parse (the messages are ours, naming the component and what is wrong).
 */
import { FilterError, parseFilter } from '../local-org/cdc/filter';
import type { Filter } from '../local-org/cdc/filter';
import type { ProjectMetadata } from './reader';

/** The standard channel of every org: /data/ChangeEvents. */
export const STANDARD_CHANNEL = 'ChangeEvents';

export interface ChannelMember {
  /** e.g. AccountChangeEvent */
  readonly selectedEntity: string;
  readonly filterExpression: string | null;
  readonly filter: Filter | null;
  readonly file: string;
}

export interface EventChannel {
  /** e.g. Stance_Accounts__chn */
  readonly name: string;
  readonly channelType: 'data' | 'event';
  /** /data/Stance_Accounts__chn */
  readonly path: string;
  readonly members: readonly ChannelMember[];
  readonly file: string;
}

export interface ChannelProblem {
  readonly file: string;
  readonly component: string;
  readonly message: string;
}

const text = (value: unknown): string | null =>
  value === undefined || value === null ? null : String(value as string | number).trim();

/** The custom channels of the package with their members, and what a deploy of them would refuse. */
export function readEventChannels(metadata: ProjectMetadata): {
  channels: EventChannel[];
  problems: ChannelProblem[];
} {
  const problems: ChannelProblem[] = [];
  const channels = new Map<string, { meta: Omit<EventChannel, 'members'>; members: ChannelMember[] }>();
  for (const file of metadata.files.filter((f) => f.kind === 'platformEventChannel')) {
    const name = file.file
      .split('/')
      .pop()!
      .replace(/\.platformEventChannel-meta\.xml$/, '');
    const component = `PlatformEventChannel ${name}`;
    const channelType = text(file.xml.channelType);
    if (!/^[A-Za-z]\w*__chn$/.test(name) || /__.*__/.test(name)) {
      problems.push({
        file: file.file,
        component,
        message: `a custom channel's name must end in __chn, as MyChannel__chn`,
      });
      continue;
    }
    if (channelType !== 'data' && channelType !== 'event') {
      problems.push({ file: file.file, component, message: `channelType must be data or event, not ${channelType}` });
      continue;
    }
    channels.set(name, {
      meta: { name, channelType, path: `/${channelType}/${name}`, file: file.file },
      members: [],
    });
  }
  for (const file of metadata.files.filter((f) => f.kind === 'platformEventChannelMember')) {
    const name = file.file
      .split('/')
      .pop()!
      .replace(/\.platformEventChannelMember-meta\.xml$/, '');
    const component = `PlatformEventChannelMember ${name}`;
    const channelName = text(file.xml.eventChannel) ?? '';
    const selectedEntity = text(file.xml.selectedEntity) ?? '';
    const filterExpression = text(file.xml.filterExpression);
    let filter: Filter | null = null;
    if (filterExpression !== null) {
      try {
        filter = parseFilter(filterExpression);
      } catch (error) {
        if (!(error instanceof FilterError)) throw error;
        problems.push({ file: file.file, component, message: `filterExpression: ${error.message}` });
        continue;
      }
    }
    if (channelName === STANDARD_CHANNEL) continue;
    const channel = channels.get(channelName);
    if (!channel) {
      problems.push({
        file: file.file,
        component,
        message: `eventChannel ${channelName}: no PlatformEventChannel named ${channelName} found (ship platformEventChannels/${channelName}.platformEventChannel-meta.xml)`,
      });
      continue;
    }
    if (/ChangeEvent$/.test(selectedEntity) && channel.meta.channelType !== 'data') {
      problems.push({
        file: file.file,
        component,
        message: `${selectedEntity} is a change event: its channel ${channelName} must have channelType data`,
      });
      continue;
    }
    if (channel.members.some((member) => member.selectedEntity === selectedEntity)) {
      problems.push({ file: file.file, component, message: `${selectedEntity} is already a member of ${channelName}` });
      continue;
    }
    channel.members.push({ selectedEntity, filterExpression, filter, file: file.file });
  }
  return {
    channels: [...channels.values()].map(({ meta, members }) => ({ ...meta, members })),
    problems,
  };
}
