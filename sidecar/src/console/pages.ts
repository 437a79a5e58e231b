/** The console's few server-made pages: plain, accessible HTML that says what to do. */

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function page(title: string, paragraphs: readonly string[], link?: { href: string; text: string }): string {
  const body = paragraphs.map((text) => `<p>${escape(text)}</p>`).join('\n');
  const more = link ? `\n<p><a href="${escape(link.href)}">${escape(link.text)}</a></p>` : '';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title></head>
<body>
<main>
<h1>${escape(title)}</h1>
${body}${more}
</main>
</body>
</html>
`;
}

export const NOT_BUILT = page('The Stance console is not built', [
  'This sidecar has no console bundle (sidecar/dist/console/index.html is missing).',
  'Build it with npm run build in the sidecar workspace (packing the sidecar builds it too), then reload this page.',
]);

export const NOT_CONFIGURED = page('The Stance console is off', [
  'Sign-in with Salesforce is not set up for this sidecar.',
  'Create an External Client App in Setup with OAuth enabled, the scopes api and refresh_token, PKCE required, and the callback <STANCE_CONSOLE_URL>/console/oauth/callback; then set STANCE_CONSOLE_CLIENT_ID to its consumer key and restart the sidecar (see docs/sidecar.md, "Console").',
]);

export function signInFailed(why: string): string {
  return page('Sign-in failed', [why], { href: '/console/oauth/start', text: 'Sign in with Salesforce again' });
}
