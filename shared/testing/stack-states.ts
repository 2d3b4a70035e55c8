// Every kind of stack picture the rules must decide, with the one answer for each.
// shared/rules.test.ts pins the rules on it; scripts/stack-state-agreement.test.ts
// checks that the tray, the quit prompt and the dashboard's button all follow it.
import type { StackPhase } from '../rules';
import type { StackSnapshot } from '../stack';
import { service, snapshot } from './snapshots';

export interface StackStateCase {
  name: string;
  snap: StackSnapshot | null;
  phase: StackPhase;
  /** Something to stop: the quit prompt asks, the dashboard offers Stop. */
  up: boolean;
}

const op = { id: 'op-1', kind: 'up' as const, startedAt: 0, progress: {} };

export const STACK_STATES: StackStateCase[] = [
  { name: 'no stack loaded', snap: null, phase: 'empty', up: false },
  { name: 'never created', snap: snapshot([service('valkey', 'absent'), service('atom-backend', 'absent')]), phase: 'stopped', up: false },
  { name: 'all healthy', snap: snapshot([service('valkey', 'healthy'), service('atom-backend', 'healthy')]), phase: 'running', up: true },
  {
    name: 'running without a health check',
    snap: snapshot([service('valkey', 'healthy'), service('atom-backend', 'running', { hasHealthcheck: false })]),
    phase: 'running',
    up: true,
  },
  {
    name: 'health still starting',
    snap: snapshot([service('valkey', 'healthy'), service('atom-backend', 'running')]),
    phase: 'partial',
    up: true,
  },
  { name: 'all paused', snap: snapshot([service('valkey', 'paused'), service('atom-backend', 'paused')]), phase: 'partial', up: true },
  { name: 'one paused', snap: snapshot([service('valkey', 'healthy'), service('atom-backend', 'paused')]), phase: 'partial', up: true },
  {
    name: 'one restarting',
    snap: snapshot([service('valkey', 'restarting'), service('atom-backend', 'healthy')]),
    phase: 'partial',
    up: true,
  },
  {
    name: 'all restarting',
    snap: snapshot([service('valkey', 'restarting'), service('atom-backend', 'restarting')]),
    phase: 'partial',
    up: true,
  },
  { name: 'half created', snap: snapshot([service('valkey', 'healthy'), service('atom-backend', 'absent')]), phase: 'partial', up: true },
  {
    name: 'one unhealthy',
    snap: snapshot([service('valkey', 'unhealthy'), service('atom-backend', 'healthy')]),
    phase: 'failed',
    up: true,
  },
  {
    name: 'a one-shot job completed (exit 0) while the rest runs',
    snap: snapshot([
      service('valkey', 'healthy'),
      service('valkey-cluster', 'exited', { exitCode: 0, oneShot: true }),
      service('atom-backend', 'healthy'),
    ]),
    phase: 'running',
    up: true,
  },
  {
    name: 'a one-shot job failed (exit 1)',
    snap: snapshot([service('valkey', 'healthy'), service('valkey-cluster', 'exited', { exitCode: 1, oneShot: true })]),
    phase: 'failed',
    up: true,
  },
  {
    name: 'one exited while the rest runs',
    snap: snapshot([service('valkey', 'healthy'), service('atom-backend', 'exited', { exitCode: 1 })]),
    phase: 'failed',
    up: true,
  },
  {
    name: 'stopped cleanly',
    snap: snapshot([service('valkey', 'exited', { exitCode: 0 }), service('atom-backend', 'exited', { exitCode: 0 })]),
    phase: 'stopped',
    up: false,
  },
  {
    name: 'stopped by signal',
    snap: snapshot([service('valkey', 'exited', { exitCode: 0 }), service('atom-backend', 'exited', { exitCode: 143 })]),
    phase: 'stopped',
    up: false,
  },
  {
    name: 'created, never started',
    snap: snapshot([service('valkey', 'created'), service('atom-backend', 'created')]),
    phase: 'stopped',
    up: false,
  },
  {
    name: 'dead',
    snap: snapshot([service('valkey', 'dead'), service('atom-backend', 'exited', { exitCode: 0 })]),
    phase: 'failed',
    up: false,
  },
  {
    // The engine went away: what runs is not known, so neither Start nor Stop is offered.
    name: 'engine unreachable',
    snap: snapshot([
      service('valkey', 'unknown', { lastKnown: { status: 'healthy', at: 0 } }),
      service('atom-backend', 'unknown', { lastKnown: { status: 'healthy', at: 0 } }),
    ]),
    phase: 'unknown',
    up: false,
  },
  {
    name: 'operation running',
    snap: snapshot([service('valkey', 'absent'), service('atom-backend', 'absent')], { operation: op }),
    phase: 'busy',
    up: true,
  },
  {
    name: 'paused while an operation runs',
    snap: snapshot([service('valkey', 'paused'), service('atom-backend', 'healthy')], { operation: op }),
    phase: 'busy',
    up: true,
  },
];
