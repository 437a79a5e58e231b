/**
 * Runs the preview's lightning/graphql (scripts/preview/modules/platform/graphql) in Node against
 * a local org, for graphql.test.ts: the page's same-origin fetch is played by fetch to the org
 * with the person's token (what the preview's proxy adds), and `platform/orgApi` resolves to the
 * preview's own module. Commands come as JSON lines on stdin; what the wire emits, and how many
 * calls reached the org, go out as JSON lines on stdout.
 */
import { register } from 'node:module';
import { createInterface } from 'node:readline';
import { signInFromEnv } from './support/signIn.mjs';

// platform/<name> resolves to the preview's own module, as its build maps it.
const PLATFORM = new URL('../modules/platform/', import.meta.url).href;
register(
  `data:text/javascript,${encodeURIComponent(`
    export async function resolve(specifier, context, next) {
      const platform = /^platform\\/(\\w+)$/.exec(specifier);
      return next(platform ? ${JSON.stringify(PLATFORM)} + platform[1] + '/' + platform[1] + '.js' : specifier, context);
    }`)}`,
);

const { ORG_URL } = process.env;
const say = (line) => process.stdout.write(`${JSON.stringify(line)}\n`);
const realFetch = globalThis.fetch;
let token = null;
let posts = 0;
let orgUrl = ORG_URL;

token = await signInFromEnv(realFetch);

globalThis.fetch = (path, init = {}) => {
  posts += 1;
  return realFetch(`${orgUrl}${path}`, { ...init, headers: { ...init.headers, Authorization: `Bearer ${token}` } });
};

const { graphql, gql, refreshGraphQL } = await import('../modules/platform/graphql/graphql.js');
const wires = new Map();
const results = new Map();

createInterface({ input: process.stdin }).on('line', async (line) => {
  const command = JSON.parse(line);
  if (command.do === 'wire') {
    const wire = new graphql((result) => {
      results.set(command.tag, result);
      say({ emitted: command.tag, data: result.data ?? null, errors: result.errors ?? null, posts });
    });
    wires.set(command.tag, wire);
    wire.connect();
    wire.update({ query: gql([command.query]), variables: command.variables });
  } else if (command.do === 'update') {
    wires.get(command.tag).update({ query: wires.get(command.tag).config.query, variables: command.variables });
  } else if (command.do === 'refresh') {
    await results.get(command.tag).refresh();
    say({ refreshed: command.tag });
  } else if (command.do === 'refreshGraphQL') {
    await refreshGraphQL(results.get(command.tag));
    say({ refreshed: command.tag });
  } else if (command.do === 'orgGone') {
    orgUrl = 'http://127.0.0.1:9';
    say({ orgGone: true });
  } else if (command.do === 'posts') {
    say({ posts });
  } else if (command.do === 'exit') {
    process.exit(0);
  }
});
say({ ready: true });
