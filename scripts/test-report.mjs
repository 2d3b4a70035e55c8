// Reads the test runners' JSON reports into one shape: every test with its status,
// so `npm test` counts real tests (never phases) and can judge skipped ones.

/** A skip is allowed only when its name or reason says which external part is missing. */
export const SKIP_REASON = /missing external part: [^)\]]+/i;

/** @returns {{ name: string, status: 'passed'|'failed'|'skipped', reason: string }[]} */
export function vitestTests(report) {
  const out = [];
  for (const file of report.testResults ?? []) {
    for (const t of file.assertionResults ?? []) {
      const status = t.status === 'passed' ? 'passed' : t.status === 'failed' ? 'failed' : 'skipped';
      out.push({ name: `${relative(file.name)} > ${t.fullName ?? t.title}`, status, reason: '' });
    }
    // A file that failed to load has no assertion results but did fail.
    if ((file.assertionResults ?? []).length === 0 && file.status === 'failed') {
      out.push({
        name: `${relative(file.name)} (failed to run: ${String(file.message ?? '').split('\n')[0]})`,
        status: 'failed',
        reason: '',
      });
    }
  }
  return out;
}

/** @returns {{ name: string, status: 'passed'|'failed'|'skipped', reason: string }[]} */
export function playwrightTests(report) {
  const out = [];
  const walk = (suite, path) => {
    const here = suite.title ? [...path, suite.title] : path;
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        const name = [...here, spec.title].join(' > ') + (t.projectName ? ` [${t.projectName}]` : '');
        const reason = (t.annotations ?? [])
          .filter((a) => a.type === 'skip' || a.type === 'fixme')
          .map((a) => a.description ?? '')
          .join('; ');
        const status = t.status === 'skipped' ? 'skipped' : t.status === 'expected' ? 'passed' : 'failed';
        out.push({ name, status, reason });
      }
    }
    for (const child of suite.suites ?? []) walk(child, here);
  };
  for (const s of report.suites ?? []) walk(s, []);
  return out;
}

/** Skipped tests whose name and reason do not name a missing external part. */
export function unexplainedSkips(tests) {
  return tests.filter((t) => t.status === 'skipped' && !SKIP_REASON.test(`${t.name} ${t.reason}`));
}

export function tally(tests) {
  const count = (s) => tests.filter((t) => t.status === s).length;
  return { passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
}

function relative(path) {
  const cwd = `${process.cwd()}/`;
  return String(path).startsWith(cwd) ? String(path).slice(cwd.length) : String(path);
}
