// npm run bench: every bench in turn, each in its own process as `npm run bench:<name>`
// runs it (its own output streams through), then one table of every figure and a
// final JSON line holding every bench's report, to compare runs across commits.
// BENCH_ONLY=cli,stack runs a subset.
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatTable, parseReport, type BenchResult } from './report';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BENCHES = ['traffic', 'recorder', 'stack', 'cli', 'ui'];

function runBench(name: string): Promise<{ code: number | null; output: string; seconds: number }> {
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    const child = spawn('npm', ['run', '--silent', `bench:${name}`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
      process.stdout.write(c);
    });
    child.once('error', reject);
    child.once('close', (code) => resolvePromise({ code, output, seconds: (performance.now() - t0) / 1000 }));
  });
}

const only = process.env.BENCH_ONLY?.split(',').filter(Boolean);
const unknown = only?.filter((n) => !BENCHES.includes(n)) ?? [];
if (unknown.length) {
  console.error(`BENCH_ONLY names no bench: ${unknown.join(', ')} (benches: ${BENCHES.join(', ')})`);
  process.exit(2);
}
const results: BenchResult[] = [];
const failed: string[] = [];
for (const name of only ?? BENCHES) {
  console.log(`\n=== bench:${name}`);
  const r = await runBench(name);
  const report = parseReport(r.output);
  // A bench exits non-zero when a target is not met; only a missing report is a failure.
  if (!report) failed.push(`${name} (exit ${r.code}, no report)`);
  else results.push(report);
  console.log(`=== bench:${name} took ${r.seconds.toFixed(0)} s`);
}
console.log('\nall benches');
for (const r of results) console.log(`\n${r.bench}\n${formatTable(r)}`);
const notMet = results.flatMap((r) => r.figures.filter((f) => f.met === false).map((f) => `${r.bench}: ${f.figure}`));
console.log(
  `\ntargets not met: ${notMet.length ? notMet.join('; ') : 'none'}${failed.length ? `\nbenches that failed: ${failed.join(', ')}` : ''}`,
);
console.log(JSON.stringify({ bench: 'all', runs: results, failed }));
process.exitCode = failed.length ? 1 : 0;
