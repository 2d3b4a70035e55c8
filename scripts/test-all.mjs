#!/usr/bin/env node
// `npm test`: every check the project has, in order, each phase loud. Ends with one
// summary line "N passed, M failed" counted from the runners' JSON reports.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = join(root, 'test-results', 'reports');
mkdirSync(reports, { recursive: true });
const only = process.argv.slice(2);

const phases = [
  { name: 'lint', cmd: ['npm', 'run', 'lint'] },
  { name: 'typecheck', cmd: ['npx', 'tsc', '-b'] },
  { name: 'build', cmd: ['npm', 'run', 'build'] },
  {
    name: 'unit',
    cmd: [
      'npx',
      'vitest',
      'run',
      '--project',
      'unit',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${join(reports, 'unit.json')}`,
    ],
    report: 'unit.json',
    kind: 'vitest',
  },
  {
    name: 'integration',
    cmd: [
      'npx',
      'vitest',
      'run',
      '--project',
      'integration',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${join(reports, 'integration.json')}`,
    ],
    report: 'integration.json',
    kind: 'vitest',
  },
  { name: 'electronegativity', cmd: ['node', 'scripts/electronegativity.mjs'] },
  { name: 'e2e', cmd: ['npx', 'playwright', 'test', '-c', 'e2e/playwright.config.ts'], report: 'e2e.json', kind: 'playwright' },
];

let passed = 0;
let failed = 0;
const failedPhases = [];
const stamp = () => new Date().toISOString().slice(11, 19);

for (const phase of phases) {
  if (only.length > 0 && !only.includes(phase.name)) continue;
  console.log(`\n=== [${stamp()}] ${phase.name}: ${phase.cmd.join(' ')}`);
  if (phase.report) rmSync(join(reports, phase.report), { force: true });
  const t0 = Date.now();
  const r = spawnSync(phase.cmd[0], phase.cmd.slice(1), { cwd: root, stdio: 'inherit', env: { ...process.env, ...phase.env } });
  const ok = r.status === 0;
  const counted = phase.report ? countReport(join(reports, phase.report), phase.kind) : null;
  if (counted) {
    passed += counted.passed;
    failed += counted.failed;
  } else if (ok) passed += 1;
  else failed += 1;
  if (!ok) failedPhases.push(phase.name);
  console.log(
    `=== [${stamp()}] ${phase.name}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s${counted ? ` (${counted.passed} passed, ${counted.failed} failed)` : ''}`,
  );
}

if (failedPhases.length > 0 && failed === 0) failed = failedPhases.length;
console.log(`\nFailed phases: ${failedPhases.length ? failedPhases.join(', ') : 'none'}`);
console.log(`Tests: ${passed} passed, ${failed} failed`);
process.exit(failedPhases.length > 0 ? 1 : 0);

function countReport(path, kind) {
  if (!existsSync(path)) return null;
  try {
    const data = JSON.parse(readFileSync(path, 'utf8'));
    if (kind === 'vitest')
      return { passed: data.numPassedTests ?? 0, failed: (data.numFailedTests ?? 0) + (data.numFailedTestSuites ?? 0) };
    const s = data.stats ?? {};
    return { passed: s.expected ?? 0, failed: (s.unexpected ?? 0) + (s.flaky ?? 0) };
  } catch {
    return null;
  }
}
