/**
 * The harnesses' sign-in: the OAuth password grant for the person the test names in the
 * environment (ORG_URL, CLIENT_ID, CLIENT_SECRET, USERNAME, PASSWORD), as the preview's proxy
 * signs its people in. Resolves to the access token.
 */
export async function signInFromEnv(fetchImpl = globalThis.fetch) {
  const { ORG_URL, CLIENT_ID, CLIENT_SECRET, USERNAME, PASSWORD } = process.env;
  const answer = await fetchImpl(`${ORG_URL}/services/oauth2/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      username: USERNAME,
      password: PASSWORD,
    }),
  });
  return (await answer.json()).access_token;
}
