/**
 * Custom change event channels of the local org, read from force-app (PlatformEventChannel with
 * channelType data, and its PlatformEventChannelMembers): a change event is also published on each
 * custom channel that has a member for its entity whose filter (if any) the event matches. Such an
 * event is stored on that channel with its own replay id, so a subscriber there replays only what
 * the channel carried, and the event delivery allowance is taken only for what the filter let
 * through ("the event delivery allocation applies to the number of events delivered after the
 * filter is applied", Change Data Capture Developer Guide, "Event Allocations and Filters").
 */
import type { ProjectMetadata } from '../../metadata/reader';
import { readEventChannels } from '../../metadata/eventChannels';
import type { EventChannel } from '../../metadata/eventChannels';
import { matches } from './filter';
import type { StreamEvent } from './hub';

/** The channels of force-app; the deploy checks have already refused any that are not valid. */
export class CustomChannels {
  private readonly byPath: ReadonlyMap<string, EventChannel>;

  constructor(metadata: ProjectMetadata) {
    this.byPath = new Map(
      readEventChannels(metadata)
        .channels.filter((channel) => channel.channelType === 'data')
        .map((channel) => [channel.path, channel]),
    );
  }

  /** Whether a subscriber may name this channel: /data/<Name>__chn of a data channel the package ships. */
  has(channel: string): boolean {
    return this.byPath.has(channel);
  }

  /** The same change event on each custom channel whose member selects its entity and whose filter it passes. */
  fanOut(event: StreamEvent): StreamEvent[] {
    if (this.byPath.size === 0) return [];
    const payload = event.payload as { ChangeEventHeader?: { entityName?: unknown } } | null;
    const entity = payload?.ChangeEventHeader?.entityName;
    if (typeof entity !== 'string' || !event.channel.startsWith('/data/') || this.byPath.has(event.channel)) return [];
    const selected = changeEventName(entity);
    const out: StreamEvent[] = [];
    for (const channel of this.byPath.values()) {
      const member = channel.members.find((candidate) => candidate.selectedEntity === selected);
      if (member && (member.filter === null || matches(member.filter, payload!)))
        out.push({ channel: channel.path, payload: event.payload });
    }
    return out;
  }
}

/** Account → AccountChangeEvent, Stance_Signal__c → Stance_Signal__ChangeEvent */
export function changeEventName(entity: string): string {
  return entity.endsWith('__c') ? entity.replace(/__c$/, '__ChangeEvent') : `${entity}ChangeEvent`;
}

/** A custom channel's name ends in __chn: /data/Stance_Accounts__chn. */
export const isCustomChannel = (channel: string): boolean => /^\/data\/\w+__chn$/.test(channel);
