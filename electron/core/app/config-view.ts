// The normalized model as the UI shows it. Values stay real here; the UI masks the
// keys flagged secret (the user can reveal them: it is their own file).
import type { ConfigView } from '../../../shared/settings';
import type { ComposeWarning, StackModel } from '../compose/model';
import { formatWarning } from '../compose/model';

export function toConfigView(model: StackModel, warnings: ComposeWarning[]): ConfigView {
  return {
    project: model.name,
    files: model.configFiles,
    envFile: model.envFile,
    services: model.order.map((name) => {
      const svc = model.services[name]!;
      const secret = new Set(svc.secretKeys);
      return {
        name,
        image: svc.image,
        build: svc.build ? svc.build.context : null,
        ports: svc.ports.map(
          (p) => `${p.hostIp ? `${p.hostIp}:` : ''}${p.published ?? ''}${p.published ? ':' : ''}${p.target}/${p.protocol}`,
        ),
        dependsOn: Object.keys(svc.dependsOn),
        environment: Object.entries(svc.environment)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([key, value]) => ({ key, value, secret: secret.has(key) })),
      };
    }),
    warnings: warnings.map(formatWarning),
    error: null,
  };
}

export function configErrorView(files: string[], envFile: string | null, error: string): ConfigView {
  return { project: '', files, envFile, services: [], warnings: [], error };
}
