import { describe, expect, it } from 'vitest';
import { playwrightTests, tally, unexplainedSkips, vitestTests } from './test-report.mjs';

describe('test reports', () => {
  it('counts every vitest test by status, a file that failed to load as a failure', () => {
    const tests = vitestTests({
      testResults: [
        {
          name: `${process.cwd()}/a.test.ts`,
          status: 'passed',
          assertionResults: [
            { fullName: 'a one', status: 'passed' },
            { fullName: 'a two', status: 'skipped' },
            { fullName: 'a three', status: 'pending' },
            { fullName: 'a four', status: 'failed' },
          ],
        },
        { name: `${process.cwd()}/b.test.ts`, status: 'failed', message: 'SyntaxError: x\nmore', assertionResults: [] },
      ],
    });
    expect(tests.map((t) => [t.name, t.status])).toEqual([
      ['a.test.ts > a one', 'passed'],
      ['a.test.ts > a two', 'skipped'],
      ['a.test.ts > a three', 'skipped'],
      ['a.test.ts > a four', 'failed'],
      ['b.test.ts (failed to run: SyntaxError: x)', 'failed'],
    ]);
    expect(tally(tests)).toEqual({ passed: 1, failed: 2, skipped: 2 });
  });

  it('reads playwright suites, projects and skip annotations', () => {
    const tests = playwrightTests({
      suites: [
        {
          title: 'journey.spec.ts',
          specs: [
            { title: 'starts', tests: [{ projectName: 'web', status: 'expected', annotations: [] }] },
            { title: 'flaky', tests: [{ projectName: 'web', status: 'flaky', annotations: [] }] },
            {
              title: 'desktop only',
              tests: [
                {
                  projectName: 'web',
                  status: 'skipped',
                  annotations: [{ type: 'skip', description: 'missing external part: Electron binary' }],
                },
              ],
            },
          ],
          suites: [{ title: 'nested', specs: [{ title: 'x', tests: [{ projectName: 'web', status: 'unexpected', annotations: [] }] }] }],
        },
      ],
    });
    expect(tests.map((t) => [t.name, t.status])).toEqual([
      ['journey.spec.ts > starts [web]', 'passed'],
      ['journey.spec.ts > flaky [web]', 'failed'],
      ['journey.spec.ts > desktop only [web]', 'skipped'],
      ['journey.spec.ts > nested > x [web]', 'failed'],
    ]);
    expect(unexplainedSkips(tests)).toEqual([]);
  });

  it('a skip must name the missing external part, in its name or reason', () => {
    const skipped = (name: string, reason = '') => ({ name, status: 'skipped' as const, reason });
    expect(
      unexplainedSkips([
        skipped('needs the conformance folder (missing external part: ../shared/conformance)'),
        skipped('electron target', 'missing external part: Electron binary'),
        skipped('flaky thing'),
        skipped('todo later', 'not now'),
        { name: 'passing', status: 'passed', reason: '' },
      ]).map((t) => t.name),
    ).toEqual(['flaky thing', 'todo later']);
  });
});
