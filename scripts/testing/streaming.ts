/**
 * Ends a test's streaming (faye) client and waits for the org's answer. Without the wait, an org
 * closed first cuts the disconnect off and faye retries it forever, so the test never exits.
 */
export function disconnectStreaming(client: unknown): Promise<void> {
  return new Promise((resolve) => {
    // faye answers undefined when the client is not connected (nothing to wait for).
    const answered = (client as { disconnect(): PromiseLike<void> | undefined }).disconnect();
    if (!answered) resolve();
    else
      answered.then(
        () => resolve(),
        () => resolve(),
      );
  });
}
