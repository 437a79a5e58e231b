/**
 * The local org's sign-in page for the authorization code flow, and its error page: plain HTML
 * with its own small style sheet, no script and nothing fetched from elsewhere. Labelled inputs
 * with autocomplete hints, an error region with role="alert", a visible focus ring, and text
 * that keeps at least 4.5:1 contrast. The answer's headers forbid framing (the page takes a
 * password), caching and referrers, and its Content-Security-Policy allows only this style sheet
 * (by hash) and form posts to the org and to the app's callback (a form's redirect counts).
 */
import { createHash } from 'node:crypto';

export const ORG_DISPLAY_NAME = 'Stance Local Org';

/** Salesforce's words on its login page when the username or password is wrong. */
export const WRONG_CREDENTIALS =
  "Please check your username and password. If you still can't log in, contact your Salesforce administrator.";

const STYLE = `
*{box-sizing:border-box}
body{margin:0;background:#f3f3f3;color:#181818;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:26rem;margin:3rem auto;padding:2rem;background:#fff;border:1px solid #c9c9c9;border-radius:.5rem}
h1{font-size:1.5rem;margin:0 0 .25rem}
p{margin:0 0 1rem}
.app{color:#444}
.error{margin:0 0 1rem;padding:.75rem;border-left:4px solid #ba0517;background:#fef1ee;color:#8e030f}
.error:empty{display:none}
label{display:block;font-weight:600;margin:1rem 0 .25rem}
input{width:100%;padding:.6rem;font:inherit;color:inherit;border:1px solid #747474;border-radius:.25rem}
input[aria-invalid=true]{border-color:#ba0517}
button{margin-top:1.5rem;width:100%;padding:.7rem;font:inherit;font-weight:600;color:#fff;background:#0b5cab;border:0;border-radius:.25rem;cursor:pointer}
button:hover{background:#014486}
input:focus-visible,button:focus-visible{outline:3px solid #1b96ff;outline-offset:2px}
code{font-size:.95em}
`;
const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

export interface Page {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly html: string;
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!,
  );
}

/** Where a form on the page may post to, its redirect included: the org and the callback's origin. */
function formTargets(callbackUrl: string | undefined): string {
  if (!callbackUrl) return "'self'";
  const url = new URL(callbackUrl);
  const target = url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : url.protocol;
  return `'self' ${target}`;
}

function headers(callbackUrl?: string): Record<string, string> {
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': [
      "default-src 'none'",
      `style-src 'sha256-${STYLE_HASH}'`,
      `form-action ${formTargets(callbackUrl)}`,
      "frame-ancestors 'none'",
      "base-uri 'none'",
    ].join('; '),
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    Pragma: 'no-cache',
  };
}

function document(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export interface SignInPageInput {
  /** The app asking, by its name. */
  readonly appName: string;
  readonly callbackUrl: string;
  /** The authorize request's parameters, posted back with the form. */
  readonly hidden: Readonly<Record<string, string>>;
  readonly username?: string;
  /** The refusal of the last attempt, shown in the alert region. */
  readonly error?: string;
}

export function signInPage(input: SignInPageInput): Page {
  const invalid = input.error ? ' aria-invalid="true" aria-describedby="error"' : '';
  const hidden = Object.entries(input.hidden)
    .filter(([, value]) => value !== '')
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const body = `<h1>Log in to ${escapeHtml(ORG_DISPLAY_NAME)}</h1>
<p class="app">to continue to ${escapeHtml(input.appName)}</p>
<div id="error" class="error" role="alert">${input.error ? escapeHtml(input.error) : ''}</div>
<form method="post" action="/services/oauth2/authorize">
${hidden}
<label for="username">Username</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${escapeHtml(input.username ?? '')}"${invalid}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required${invalid}>
<button type="submit">Log In</button>
</form>`;
  return { status: 200, headers: headers(input.callbackUrl), html: document(`Log In | ${ORG_DISPLAY_NAME}`, body) };
}

/** A refusal that cannot be sent to the callback (unknown app, callback not registered): 400. */
export function errorPage(error: string, description: string): Page {
  const body = `<h1>This sign-in request cannot be completed</h1>
<div id="error" class="error" role="alert"><p>error=<code>${escapeHtml(error)}</code></p>
<p>error_description=${escapeHtml(description)}</p></div>
<p>Ask the app's developer to check its consumer key and callback URL against the External Client App.</p>`;
  return { status: 400, headers: headers(), html: document(`Error | ${ORG_DISPLAY_NAME}`, body) };
}
