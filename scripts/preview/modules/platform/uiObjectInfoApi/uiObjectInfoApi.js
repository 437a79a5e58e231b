/**
 * lightning/uiObjectInfoApi for the preview: object info and picklist values from the local
 * org's UI API. Neither changes while the page is open, so each is read once.
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

const picklists = new Map();

/** A field reference ({objectApiName, fieldApiName}) or an `Object.Field` string, as [object, field]. */
function fieldParts(field) {
  if (typeof field === 'string') {
    const [object, ...rest] = field.split('.');
    return [object, rest.join('.')];
  }
  return field ? [field.objectApiName, field.fieldApiName] : [];
}

/** A picklist's values for a record type, read once per page like the object info they belong to. */
export class getPicklistValues extends LoadingWireAdapter {
  ready(config) {
    const [object, field] = fieldParts(config.fieldApiName);
    return !!config.recordTypeId && !!object && !!field;
  }

  fetch(config) {
    const [object, field] = fieldParts(config.fieldApiName);
    const path = [object, 'picklist-values', config.recordTypeId, field]
      .map((part) => encodeURIComponent(part))
      .join('/');
    if (!picklists.has(path)) {
      const reading = orgFetch(`/ui-api/object-info/${path}`);
      reading.catch(() => picklists.delete(path));
      picklists.set(path, reading);
    }
    return picklists.get(path);
  }
}
