/**
 * Which list views an org has: the standard ones every org has and the project's ListView
 * metadata, found by object and name or by id (00B..., numbered over every list view).
 */
import type { ListViewMeta } from '../../../metadata/reader';
import { notFound } from '../../errors';
import { makeId, normaliseId } from '../../ids';
import type { LocalOrg } from '../../org';
import type { OrgObject } from '../../schema/orgSchema';

const LIST_VIEW_KEY_PREFIX = '00B';

export class ListViewCatalog {
  private idsByView?: Map<ListViewMeta, string>;

  constructor(private readonly org: LocalOrg) {}

  objectNamed(name: string): OrgObject {
    const object = this.org.schema.object(name);
    if (!object) throw notFound(`Object ${name} does not exist or is not supported by the UI API`);
    return object;
  }

  viewsOf(object: OrgObject): readonly ListViewMeta[] {
    const project = this.org.metadata.objects.get(object.name)?.listViews ?? [];
    return [...STANDARD_LIST_VIEWS.filter((view) => view.object === object.name), ...project];
  }

  find(objectApiName: string, listViewApiName: string): ListViewMeta {
    const object = this.objectNamed(objectApiName);
    const views = this.viewsOf(object);
    const meta =
      views.find((view) => view.apiName === listViewApiName) ??
      views.find((view) => view.apiName.toLowerCase() === listViewApiName.toLowerCase());
    if (!meta) throw notFound(`List view ${listViewApiName} does not exist on ${object.name}`);
    return meta;
  }

  /** List view ids (00B...) are numbered over every list view in force-app, ordered by object and name. */
  private ids(): Map<ListViewMeta, string> {
    if (!this.idsByView) {
      const all = [
        ...STANDARD_LIST_VIEWS,
        ...[...this.org.metadata.objects.values()].flatMap((object) => object.listViews),
      ].sort((a, b) => `${a.object}.${a.apiName}`.localeCompare(`${b.object}.${b.apiName}`));
      this.idsByView = new Map(all.map((view, index) => [view, makeId(LIST_VIEW_KEY_PREFIX, index + 1)]));
    }
    return this.idsByView;
  }

  idOf(meta: ListViewMeta): string {
    return this.ids().get(meta)!;
  }

  byId(segment: string): ListViewMeta | undefined {
    const id = normaliseId(segment);
    if (!id?.startsWith(LIST_VIEW_KEY_PREFIX)) return undefined;
    return [...this.ids()].find(([, candidate]) => candidate === id)?.[0];
  }
}

/** List views every org has whatever is deployed, e.g. All Accounts (the project adds its own). */
const STANDARD_LIST_VIEWS: readonly ListViewMeta[] = [
  {
    object: 'Account',
    apiName: 'AllAccounts',
    label: 'All Accounts',
    columns: ['ACCOUNT.NAME', 'ACCOUNT.TYPE', 'ACCOUNT.INDUSTRY', 'CORE.USERS.ALIAS'],
    filters: [],
    filterScope: 'Everything',
    file: '(a standard list view of every org)',
    xml: {},
  },
];
