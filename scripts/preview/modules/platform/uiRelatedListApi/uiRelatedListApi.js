/** lightning/uiRelatedListApi for the preview: getRelatedListRecords from the local org's UI API. */
import { fieldsQuery, orgFetch } from 'platform/orgApi';
import { LoadingWireAdapter } from 'platform/wireAdapter';

export class getRelatedListRecords extends LoadingWireAdapter {
  ready(config) {
    return !!config.parentRecordId && !!config.relatedListId;
  }

  fetch(config) {
    const query = fieldsQuery(config);
    if (config.pageSize) query.pageSize = String(config.pageSize);
    if (config.sortBy) query.sortBy = [].concat(config.sortBy).join(',');
    if (config.where) query.where = config.where;
    return orgFetch(
      `/ui-api/related-list-records/${encodeURIComponent(config.parentRecordId)}/${encodeURIComponent(config.relatedListId)}`,
      { query },
    );
  }
}
