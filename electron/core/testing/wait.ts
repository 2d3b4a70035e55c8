// Polling for integration tests: the state under test arrives asynchronously (engine
// events, pub/sub), so tests poll a probe until it yields a value or a deadline passes.

/** Resolves with probe()'s first truthy value; rejects naming `what` after timeoutMs. */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  timeoutMs: number,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
