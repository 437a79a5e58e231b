/**
 * lightning/uiListsApi for the preview: a list view's records and description, and the list
 * views of an object, from the local org's UI API (which builds them from the listView metadata).
 */
import { fieldsQuery, objectName, orgFetch } from 'platform/orgApi';
import { LoadingWireAdapter } from 'platform/wireAdapter';

function listQuery(config) {
  const query = fieldsQuery(config);
  if (config.pageSize) query.pageSize = String(config.pageSize);
  if (config.pageToken) query.pageToken = config.pageToken;
  if (config.sortBy) query.sortBy = [].concat(config.sortBy).map(qualifiedSort).join(',');
  return query;
}

function qualifiedSort(sort) {
  return typeof sort === 'string' ? sort : sort.fieldApiName;
}

function listPath(kind, config) {
  return `/ui-api/${kind}/${encodeURIComponent(objectName(config.objectApiName))}/${encodeURIComponent(config.listViewApiName)}`;
}

export class getListRecordsByName extends LoadingWireAdapter {
  ready(config) {
    return !!objectName(config.objectApiName) && !!config.listViewApiName;
  }

  fetch(config) {
    return orgFetch(listPath('list-records', config), { query: listQuery(config) });
  }
}

export class getListInfoByName extends LoadingWireAdapter {
  ready(config) {
    return !!objectName(config.objectApiName) && !!config.listViewApiName;
  }

  fetch(config) {
    return orgFetch(listPath('list-info', config));
  }
}

export class getListInfosByObjectName extends LoadingWireAdapter {
  ready(config) {
    return !!objectName(config.objectApiName);
  }

  fetch(config) {
    return orgFetch(`/ui-api/list-ui/${encodeURIComponent(objectName(config.objectApiName))}`);
  }
}
