// The normalized model as the UI shows it. Secret values (keys flagged secret) never
// leave the core here: the entry says whether one is set or empty, and config.reveal
// answers for one value when the user asks.
import type { ConfigView } from '../../../shared/settings';
import type { ComposeWarning, StackModel } from '../compose/model';
import { formatWarning } from '../compose/model';
import { AppError } from '../../../shared/result';

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
          .map(([key, value]) => {
            const isSecret = secret.has(key);
            return { key, value: isSecret ? null : value, secret: isSecret, set: value !== null, empty: value === '' };
          }),
      };
    }),
    warnings: warnings.map(formatWarning),
    error: null,
  };
}

/** The one value asked for, secret or not; NOT_FOUND names what does not exist. */
export function revealValue(model: StackModel, service: string, key: string): string | null {
  const svc = model.services[service];
  if (!svc) throw new AppError('NOT_FOUND', `no such service: ${service}`, { service });
  if (!Object.hasOwn(svc.environment, key)) throw new AppError('NOT_FOUND', `service ${service} has no variable ${key}`, { service, key });
  return svc.environment[key] ?? null;
}

export function configErrorView(files: string[], envFile: string | null, error: string): ConfigView {
  return { project: '', files, envFile, services: [], warnings: [], error };
}
