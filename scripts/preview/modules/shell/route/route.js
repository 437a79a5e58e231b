/**
 * Lightning Experience's own URLs: /lightning/r/<Object>/<id>/view for a record page,
 * /lightning/o/<Object>/list?filterName=<list view> for a list view and /lightning/page/home
 * for the Home page.
 */
export const HOME_URL = '/lightning/page/home';

export function parseRoute(pathname, search) {
  if (/^\/lightning\/page\/home\/?$/.test(pathname)) return { page: 'home' };
  const record = /^\/lightning\/r\/(\w+)\/(\w{15,18})\/view\/?$/.exec(pathname);
  if (record) return { page: 'record', objectApiName: record[1], recordId: record[2] };
  const list = /^\/lightning\/o\/(\w+)\/list\/?$/.exec(pathname);
  if (list) {
    const filterName = new URLSearchParams(search).get('filterName');
    return { page: 'list', objectApiName: list[1], filterName: filterName || null };
  }
  // Anywhere else: the accounts, in the list page's default list view.
  return { page: 'list', objectApiName: 'Account', filterName: null };
}

export function recordUrl(objectApiName, recordId) {
  return `/lightning/r/${objectApiName}/${recordId}/view`;
}

export function listUrl(objectApiName, filterName) {
  return `/lightning/o/${objectApiName}/list${filterName ? `?filterName=${encodeURIComponent(filterName)}` : ''}`;
}
