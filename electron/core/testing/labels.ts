// Every container and network the tests create carries this label, so the global
// teardown can remove whatever a failed test left behind.
export const TEST_LABEL = 'atom-desktop.test';
export const TEST_LABELS: Record<string, string> = { [TEST_LABEL]: '1' };
