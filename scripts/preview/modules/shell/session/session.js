/** Who the preview acts as, and who else it can act as: set by the preview server in the page. */
import { word } from 'shell/words';

const settings = globalThis.__STANCE_PREVIEW__ || {};

export const currentUser = settings.user || { key: '', name: word('unknownUser'), department: '' };
export const users = settings.users || [];

/** The preview server's address that signs in as another demo user and comes back here. */
export function switchUserUrl(key, next = `${window.location.pathname}${window.location.search}`) {
  return `/preview/as/${encodeURIComponent(key)}?next=${encodeURIComponent(next)}`;
}
