// What the engine knows of a running container, for the inspect view: environment
// (secret-looking values masked here, in the core), mounts, networks with their
// addresses, labels.
import type Dockerode from 'dockerode';
import type { ContainerDetails } from '../../../shared/stack';
import { isSecretKey } from '../compose/secret';

export function containerDetails(service: string, info: Dockerode.ContainerInspectInfo): ContainerDetails {
  const env = (info.Config?.Env ?? [])
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = eq < 0 ? pair : pair.slice(0, eq);
      const value = eq < 0 ? '' : pair.slice(eq + 1);
      const secret = isSecretKey(key);
      return { key, value: secret ? null : value, secret, set: true, empty: value === '' };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
  const networks = Object.entries(info.NetworkSettings?.Networks ?? {}).map(([name, n]) => ({
    name,
    ipAddress: n.IPAddress ?? '',
    gateway: n.Gateway ?? '',
    aliases: n.Aliases ?? [],
  }));
  return {
    service,
    containerId: info.Id,
    name: info.Name.replace(/^\//, ''),
    image: info.Config?.Image ?? info.Image,
    created: info.Created,
    command: [...(info.Config?.Entrypoint ? [info.Config.Entrypoint].flat() : []), ...(info.Config?.Cmd ?? [])],
    env,
    mounts: (info.Mounts ?? []).map((m) => ({ type: m.Type, source: m.Name ?? m.Source, target: m.Destination, readOnly: m.RW === false })),
    networks,
    labels: info.Config?.Labels ?? {},
  };
}
