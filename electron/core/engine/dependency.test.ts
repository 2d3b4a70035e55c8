import { describe, expect, it } from 'vitest';
import { dependencyVerdict } from './dependency';
import { withDependencies } from './progress';
import { reverseDependencyOrder } from './down';
import { service, stack } from '../testing/stack-model';

describe('dependencyVerdict', () => {
  const running = { Status: 'running', Running: true };
  it('service_started: running or already exited is enough', () => {
    expect(dependencyVerdict('db', 'service_started', running, false).kind).toBe('ok');
    expect(dependencyVerdict('db', 'service_started', { Status: 'exited', ExitCode: 1 }, false).kind).toBe('ok');
    expect(dependencyVerdict('db', 'service_started', { Status: 'created' }, false).kind).toBe('wait');
  });

  it('service_healthy: waits while starting, fails with the health output when unhealthy', () => {
    expect(dependencyVerdict('db', 'service_healthy', { ...running, Health: { Status: 'starting' } }, true)).toEqual({
      kind: 'wait',
      why: 'db is starting',
    });
    expect(dependencyVerdict('db', 'service_healthy', { ...running, Health: { Status: 'healthy' } }, true).kind).toBe('ok');
    const v = dependencyVerdict(
      'db',
      'service_healthy',
      { ...running, Health: { Status: 'unhealthy', Log: [{ Output: 'old' }, { Output: 'Could not connect\n' }] } },
      true,
    );
    expect(v).toEqual({ kind: 'fail', code: 'HEALTHCHECK_FAILED', why: 'db is unhealthy: Could not connect', output: 'Could not connect' });
  });

  it('service_healthy: an exit before healthy or no healthcheck at all fails', () => {
    const v = dependencyVerdict('db', 'service_healthy', { Status: 'exited', ExitCode: 2, Health: { Status: 'starting' } }, true);
    expect(v.kind === 'fail' && v.code).toBe('DEPENDENCY_FAILED');
    expect(v.kind === 'fail' && v.why).toMatch(/exited with code 2/);
    const n = dependencyVerdict('db', 'service_healthy', running, false);
    expect(n.kind === 'fail' && n.why).toMatch(/no healthcheck/);
  });

  it('service_completed_successfully: exit 0 only', () => {
    expect(dependencyVerdict('init', 'service_completed_successfully', running, false).kind).toBe('wait');
    expect(dependencyVerdict('init', 'service_completed_successfully', { Status: 'exited', ExitCode: 0 }, false).kind).toBe('ok');
    const v = dependencyVerdict('init', 'service_completed_successfully', { Status: 'exited', ExitCode: 3 }, false);
    expect(v.kind === 'fail' && v.why).toBe('init exited with code 3');
  });
});

describe('ordering', () => {
  it('adds dependencies transitively, in start order', () => {
    const deps = { a: [], b: ['a'], c: ['b'], d: [] };
    expect(withDependencies(deps, ['a', 'd', 'b', 'c'], ['c'])).toEqual(['a', 'b', 'c']);
    expect(withDependencies(deps, ['a', 'd', 'b', 'c'], undefined)).toEqual(['a', 'd', 'b', 'c']);
  });

  it('stops dependents before their dependencies', async () => {
    const dep = { condition: 'service_started' as const, required: true, restart: false };
    const m = stack('p', [service('a'), service('b', { dependsOn: { a: dep } }), service('c', { dependsOn: { b: dep } })]);
    const seen: string[] = [];
    await reverseDependencyOrder(m, ['a', 'b', 'c'], async (s) => {
      await new Promise((r) => setTimeout(r, s === 'c' ? 20 : 1));
      seen.push(s);
    });
    expect(seen).toEqual(['c', 'b', 'a']);
  });
});
