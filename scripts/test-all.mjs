#!/usr/bin/env node
// `npm test`: every check the project has, in order, each phase loud. Lint, typecheck,
// build and the security scan are phases (ok or failed); the test runners' JSON
// reports give the real test counts. Skipped tests are listed, and a skip that does
// not name the missing external part fails the run. Ends with one line:
// "Tests: N passed, M failed, K skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { playwrightTests, tally, unexplainedSkips, vitestTests } from './test-report.mjs';

const root = new URL('..', import.meta.url).pathname;
const reports = join(root, 'test-results', 'reports');
mkdirSync(reports, { recursive: true });
const only = process.argv.slice(2);
const vitest = (project) => ({
  name: project,
  cmd: [
    'npx',
    'vitest',
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${join(reports, `${project}.json`)}`,
  ],
  report: `${project}.json`,
  read: vitestTests,
});

const phases = [
  { name: 'lint', cmd: ['npm', 'run', 'lint'] },
  { name: 'typecheck', cmd: ['npx', 'tsc', '-b'] },
  { name: 'build', cmd: ['npm', 'run', 'build'] },
  vitest('unit'),
  vitest('integration'),
  { name: 'electronegativity', cmd: ['node', 'scripts/electronegativity.mjs'] },
  { name: 'e2e', cmd: ['npx', 'playwright', 'test', '-c', 'e2e/playwright.config.ts'], report: 'e2e.json', read: playwrightTests },
  { name: 'mutation', cmd: ['node', 'scripts/mutate.mjs'] },
];

const tests = [];
const failedPhases = [];
const stamp = () => new Date().toISOString().slice(11, 19);

for (const phase of phases) {
  if (only.length > 0 && !only.includes(phase.name)) continue;
  console.log(`\n=== [${stamp()}] ${phase.name}: ${phase.cmd.join(' ')}`);
  if (phase.report) rmSync(join(reports, phase.report), { force: true });
  const t0 = Date.now();
  const r = spawnSync(phase.cmd[0], phase.cmd.slice(1), { cwd: root, stdio: 'inherit', env: process.env });
  let ok = r.status === 0;
  let summary = '';
  if (phase.report) {
    const found = readReport(join(reports, phase.report), phase.read);
    if (found === null || found.length === 0) {
      // A runner that crashed, or ran nothing, must not read as green.
      ok = false;
      summary = found === null ? ' (no report written)' : ' (no test ran)';
    } else {
      tests.push(...found);
      const t = tally(found);
      summary = ` (${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped)`;
      if (t.failed > 0) ok = false;
    }
  }
  if (!ok) failedPhases.push(phase.name);
  console.log(
    `=== [${stamp()}] ${phase.name}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s${summary}`,
  );
}

const skipped = tests.filter((t) => t.status === 'skipped');
if (skipped.length > 0) {
  console.log(`\nSkipped tests (${skipped.length}):`);
  for (const t of skipped) console.log(`  - ${t.name}${t.reason ? ` (${t.reason})` : ''}`);
}
const unexplained = unexplainedSkips(tests);
if (unexplained.length > 0) {
  console.log(
    `\n${unexplained.length} skipped test(s) do not name a missing external part ("missing external part: ..."): a skip must not hide a failure.`,
  );
  failedPhases.push('skips');
}
const failures = tests.filter((t) => t.status === 'failed');
if (failures.length > 0) {
  console.log(`\nFailed tests (${failures.length}):`);
  for (const t of failures.slice(0, 50)) console.log(`  - ${t.name}`);
}
const total = tally(tests);
console.log(
  `\nPhases: ${phases
    .filter((p) => only.length === 0 || only.includes(p.name))
    .map((p) => `${p.name} ${failedPhases.includes(p.name) ? 'FAILED' : 'ok'}`)
    .join(', ')}`,
);
console.log(`Tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(failedPhases.length > 0 ? 1 : 0);

function readReport(path, read) {
  if (!existsSync(path)) return null;
  try {
    return read(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return null;
  }
}
