/**
 * @jest-environment jsdom
 *
 * The sign-in and error pages pass sa11y's default rules (the ones the components' jest tests
 * apply), in each state: empty, refused with the message, and the 400 page.
 */
import { createHash } from 'node:crypto';
import { assertAccessible } from '@sa11y/assert';
import { defaultRuleset } from '@sa11y/preset-rules';
import { errorPage, signInPage, WRONG_CREDENTIALS } from '../signInPage';
import type { Page } from '../signInPage';

const input = {
  appName: 'Stance Console',
  callbackUrl: 'http://127.0.0.1:7200/console/oauth/callback',
  hidden: { response_type: 'code', client_id: 'stance-console', state: '"><script>alert(1)</script>' },
};

/** The bits of jsdom's DOM used here (the project's TypeScript has no DOM library, on purpose). */
interface Element {
  readonly textContent: string | null;
  readonly value?: string;
  readonly labels?: ArrayLike<Element>;
  getAttribute(name: string): string | null;
}
interface Doc {
  open(): void;
  write(html: string): void;
  close(): void;
  getElementById(id: string): Element | null;
  querySelector(selector: string): Element | null;
  querySelectorAll(selector: string): ArrayLike<Element>;
}
const window = globalThis as unknown as { document: Doc; HTMLCanvasElement: { prototype: { getContext: unknown } } };
const document = window.document;
// jsdom has no canvas: axe's text checks ask for one and get none, without jsdom's console error.
window.HTMLCanvasElement.prototype.getContext = () => null;

function load(page: Page): void {
  document.open();
  document.write(page.html);
  document.close();
}

describe('the sign-in page', () => {
  it('is accessible empty, refused, and as the error page', async () => {
    for (const page of [
      signInPage(input),
      signInPage({ ...input, username: 'dana@stance.local', error: WRONG_CREDENTIALS }),
      errorPage('redirect_uri_mismatch', 'redirect_uri must match configuration'),
    ]) {
      load(page);
      expect(document.querySelector('main h1')).not.toBeNull();
      await assertAccessible(document as unknown as Parameters<typeof assertAccessible>[0], defaultRuleset);
    }
  });

  it('labels its inputs, announces the refusal and ties it to the inputs', () => {
    load(signInPage({ ...input, username: 'dana@stance.local', error: WRONG_CREDENTIALS }));
    const username = document.getElementById('username')!;
    expect(username.labels?.[0]?.textContent).toBe('Username');
    expect(document.getElementById('password')!.labels?.[0]?.textContent).toBe('Password');
    expect(username.value).toBe('dana@stance.local');
    expect(username.getAttribute('aria-describedby')).toBe('error');
    expect(document.querySelector('[role="alert"]')!.textContent).toBe(WRONG_CREDENTIALS);
    expect(document.querySelector('button')!.textContent).toBe('Log In');
  });

  it('carries the request in hidden fields as text, never as markup', () => {
    load(signInPage(input));
    expect(document.querySelectorAll('script')).toHaveLength(0);
    const state = document.querySelector('input[name="state"]')!;
    expect(state.value).toBe('"><script>alert(1)</script>');
  });

  it("allows by its policy's hash exactly the style sheet it carries", () => {
    const page = signInPage(input);
    load(page);
    const style = document.querySelector('style')!.textContent!;
    const hash = createHash('sha256').update(style).digest('base64');
    expect(page.headers['Content-Security-Policy']).toContain(`style-src 'sha256-${hash}'`);
    expect(document.querySelectorAll('style')).toHaveLength(1);
    expect(document.querySelectorAll('[style]')).toHaveLength(0);
  });
});
