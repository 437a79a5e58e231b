/**
 * lightning/uiObjectInfoApi for the preview: object info (with its fields and picklists) from
 * the local org's UI API. Object info does not change while the page is open, so each object is read once.
 */
import { objectName, orgFetch } from 'platform/orgApi';
import { LoadingWireAdapter } from 'platform/wireAdapter';

const objectInfos = new Map();

function readObjectInfo(name) {
  if (!objectInfos.has(name)) {
    const reading = orgFetch(`/ui-api/object-info/${encodeURIComponent(name)}`);
    // A failed read is not kept: the next component asks again.
    reading.catch(() => objectInfos.delete(name));
    objectInfos.set(name, reading);
  }
  return objectInfos.get(name);
}

export class getObjectInfo extends LoadingWireAdapter {
  ready(config) {
    return !!objectName(config.objectApiName);
  }

  fetch(config) {
    return readObjectInfo(objectName(config.objectApiName));
  }
}
