// Whether a dependency's container satisfies a depends_on condition, from its inspect
// data alone. Pure, so every case (healthy, unhealthy, exited, no healthcheck) is tested.
import type { DependsCondition } from '../compose/model';

export interface ContainerStateView {
  Status?: string;
  Running?: boolean;
  ExitCode?: number;
  StartedAt?: string;
  Health?: { Status?: string; Log?: { Output?: string; ExitCode?: number }[] };
}

export type Verdict =
  | { kind: 'ok' }
  | { kind: 'wait'; why: string }
  | { kind: 'fail'; code: 'HEALTHCHECK_FAILED' | 'DEPENDENCY_FAILED'; why: string; output: string | null };

export function lastHealthOutput(state: ContainerStateView): string | null {
  const log = state.Health?.Log ?? [];
  const last = log[log.length - 1];
  return last?.Output?.trim() || null;
}

export function dependencyVerdict(dep: string, condition: DependsCondition, state: ContainerStateView, hasHealthcheck: boolean): Verdict {
  const status = state.Status ?? 'unknown';
  const exited = status === 'exited' || status === 'dead';
  const code = state.ExitCode ?? 0;
  switch (condition) {
    case 'service_started':
      if (state.Running || exited || status === 'restarting' || status === 'paused') return { kind: 'ok' };
      return { kind: 'wait', why: `${dep} is ${status}` };
    case 'service_completed_successfully':
      if (exited) {
        return code === 0
          ? { kind: 'ok' }
          : { kind: 'fail', code: 'DEPENDENCY_FAILED', why: `${dep} exited with code ${code}`, output: null };
      }
      return { kind: 'wait', why: `${dep} has not completed yet` };
    case 'service_healthy': {
      if (!hasHealthcheck)
        return { kind: 'fail', code: 'DEPENDENCY_FAILED', why: `${dep} has no healthcheck, so it can never become healthy`, output: null };
      const health = state.Health?.Status;
      if (health === 'healthy') return { kind: 'ok' };
      if (health === 'unhealthy') {
        const out = lastHealthOutput(state);
        return { kind: 'fail', code: 'HEALTHCHECK_FAILED', why: `${dep} is unhealthy${out ? `: ${out}` : ''}`, output: out };
      }
      if (exited)
        return {
          kind: 'fail',
          code: 'DEPENDENCY_FAILED',
          why: `${dep} exited with code ${code} before becoming healthy`,
          output: lastHealthOutput(state),
        };
      return { kind: 'wait', why: `${dep} is ${health ?? status}` };
    }
  }
}
