// Start order from depends_on: dependencies first, ties broken by name so the order
// is stable. Cycles and unknown services are reported by name.
import type { DependsOn } from './model';

export interface OrderProblem {
  service: string;
  message: string;
  /** The dependency at fault, so the message can point at its own list item or key. */
  dependency?: string;
}

export function startOrder(deps: Record<string, Record<string, DependsOn>>): { order: string[]; problems: OrderProblem[] } {
  const names = Object.keys(deps).sort();
  const problems: OrderProblem[] = [];
  for (const name of names) {
    for (const dep of Object.keys(deps[name] ?? {})) {
      if (!Object.hasOwn(deps, dep))
        problems.push({ service: name, dependency: dep, message: `depends on undefined service ${JSON.stringify(dep)}` });
    }
  }
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const reported = new Set<string>();
  const visit = (name: string, stack: string[]): void => {
    const s = state.get(name);
    if (s === 'done') return;
    if (s === 'visiting') {
      const cycle = [...stack.slice(stack.indexOf(name)), name];
      const key = [...cycle.slice(0, -1)].sort().join(',');
      if (!reported.has(key)) {
        reported.add(key);
        problems.push({ service: cycle[0] as string, message: `cycle ${cycle.join(' -> ')}` });
      }
      return;
    }
    state.set(name, 'visiting');
    for (const dep of Object.keys(deps[name] ?? {}).sort()) if (Object.hasOwn(deps, dep)) visit(dep, [...stack, name]);
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of names) visit(name, []);
  return { order, problems };
}
