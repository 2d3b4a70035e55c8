// Every container and network the tests create carries these labels, so the global
// teardown can remove whatever a failed test left behind. The run label scopes that
// cleanup to this vitest run: other runs sharing the engine keep their containers.
export const TEST_LABEL = 'atom-desktop.test';
export const TEST_RUN_LABEL = 'atom-desktop.test-run';
/** Set by the global setup; inherited by the test workers. */
export const TEST_RUN_ENV = 'ATOM_TEST_RUN';

export function testLabels(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return { [TEST_LABEL]: '1', [TEST_RUN_LABEL]: env[TEST_RUN_ENV] ?? 'adhoc' };
}

/** The labels for this process (workers start after the global setup set the run). */
export const TEST_LABELS: Record<string, string> = testLabels();
