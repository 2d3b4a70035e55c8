// One-shot services: another service waits for them with service_completed_successfully
// (an init job, a cluster join). Their exit with 0 is their success: compose v2's
// `up --wait` accepts it, and so do the app's health and phase.
import type { StackModel } from './model';

export function oneShotServices(model: StackModel): Set<string> {
  const out = new Set<string>();
  for (const s of Object.values(model.services)) {
    for (const [dep, d] of Object.entries(s.dependsOn)) if (d.condition === 'service_completed_successfully') out.add(dep);
  }
  return out;
}
