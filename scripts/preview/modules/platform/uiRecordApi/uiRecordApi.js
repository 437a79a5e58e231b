/**
 * lightning/uiRecordApi for the preview, over the local org's UI API: getRecord reads
 * /ui-api/records/{id}; createRecord and updateRecord write through it; every
 * getRecord on a record loads again after a write to it or notifyRecordUpdateAvailable, as
 * Lightning Data Service refreshes every component showing that record.
 */
import { fieldsQuery, orgFetch, sameRecord } from 'platform/orgApi';
import { LoadingWireAdapter } from 'platform/wireAdapter';

const liveAdapters = new Set();

function refreshRecord(recordId) {
  const adapters = [...liveAdapters].filter((adapter) =>
    sameRecord(adapter.config && adapter.config.recordId, recordId),
  );
  return Promise.all(adapters.map((adapter) => adapter.refresh()));
}

export class getRecord extends LoadingWireAdapter {
  ready(config) {
    return !!config.recordId && Object.keys(fieldsQuery(config)).length > 0;
  }

  fetch(config) {
    return orgFetch(`/ui-api/records/${encodeURIComponent(config.recordId)}`, { query: fieldsQuery(config) });
  }

  onConnect() {
    liveAdapters.add(this);
  }

  onDisconnect() {
    liveAdapters.delete(this);
  }
}

function fieldNode(record, field) {
  if (!record || !field) return undefined;
  const path = typeof field === 'string' ? field.split('.').slice(1) : field.fieldApiName.split('.');
  let current = record;
  for (let index = 0; index < path.length; index += 1) {
    const node = current && current.fields ? current.fields[path[index]] : undefined;
    if (node === undefined) return undefined;
    if (index === path.length - 1) return node;
    current = node.value;
  }
  return undefined;
}

export function getFieldValue(record, field) {
  const node = fieldNode(record, field);
  return node === undefined ? undefined : node.value;
}

export function getFieldDisplayValue(record, field) {
  const node = fieldNode(record, field);
  return node === undefined ? undefined : node.displayValue;
}

export async function createRecord(recordInput) {
  return orgFetch('/ui-api/records', {
    method: 'POST',
    body: { apiName: recordInput.apiName, fields: recordInput.fields },
  });
}

export async function updateRecord(recordInput) {
  const { Id, ...fields } = recordInput.fields || {};
  const record = await orgFetch(`/ui-api/records/${encodeURIComponent(Id)}`, { method: 'PATCH', body: { fields } });
  await refreshRecord(Id);
  return record;
}

/** Tells every component showing these records to load them again. */
export async function notifyRecordUpdateAvailable(items) {
  await Promise.all((items || []).map((item) => refreshRecord(item.recordId)));
}
