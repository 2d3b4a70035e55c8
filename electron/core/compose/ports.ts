// Port mappings, short syntax `[[HOST_IP:]HOST_PORT:]CONTAINER_PORT[/PROTOCOL]` (with
// ranges, expanded pairwise) and the long syntax, into PortModel entries.
import type { PortModel } from './model';

type Protocol = PortModel['protocol'];
const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);

export class PortError extends Error {}

function range(text: string, what: string, spec: string): [number, number] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!m) throw new PortError(`invalid ${what} port ${JSON.stringify(text)} in ${JSON.stringify(spec)}`);
  const a = Number(m[1]);
  const b = m[2] !== undefined ? Number(m[2]) : a;
  for (const p of [a, b]) if (p < 1 || p > 65535) throw new PortError(`${what} port ${p} out of range 1-65535 in ${JSON.stringify(spec)}`);
  if (b < a) throw new PortError(`invalid ${what} port range ${JSON.stringify(text)} in ${JSON.stringify(spec)}`);
  return [a, b];
}

function protocolOf(p: string, spec: string): Protocol {
  const proto = p.toLowerCase();
  if (!PROTOCOLS.has(proto)) throw new PortError(`invalid protocol ${JSON.stringify(p)} in ${JSON.stringify(spec)}: use tcp, udp or sctp`);
  return proto as Protocol;
}

/** Parses one short-syntax entry; throws PortError naming the entry. */
export function parseShortPort(spec: string | number): PortModel[] {
  const text = String(spec).trim();
  const slash = text.lastIndexOf('/');
  const protocol = slash >= 0 ? protocolOf(text.slice(slash + 1), text) : 'tcp';
  let body = slash >= 0 ? text.slice(0, slash) : text;
  let hostIp: string | null = null;
  if (body.startsWith('[')) {
    const close = body.indexOf(']');
    if (close < 0 || body[close + 1] !== ':') throw new PortError(`invalid IPv6 host address in ${JSON.stringify(text)}`);
    hostIp = body.slice(1, close);
    body = body.slice(close + 2);
  }
  const parts = body.split(':');
  if (parts.length > 3 || (hostIp !== null && parts.length > 2)) throw new PortError(`invalid port mapping ${JSON.stringify(text)}`);
  if (parts.length === 3) hostIp = parts.shift() as string;
  const container = range(parts.pop() as string, 'container', text);
  const host = parts.length ? (parts[0] as string) : '';
  const ip = hostIp === '' ? null : hostIp;
  const count = container[1] - container[0] + 1;
  if (host === '') return expand(container, null, protocol, ip);
  const hostRange = range(host, 'host', text);
  const hostCount = hostRange[1] - hostRange[0] + 1;
  if (hostCount === count) return expand(container, hostRange[0], protocol, ip);
  // One container port, a range of host ports: the engine picks one of them.
  if (count === 1) return [{ target: container[0], published: `${hostRange[0]}-${hostRange[1]}`, hostIp: ip, protocol }];
  throw new PortError(`host and container port ranges differ in size in ${JSON.stringify(text)}`);
}

function expand(container: [number, number], hostStart: number | null, protocol: Protocol, hostIp: string | null): PortModel[] {
  const out: PortModel[] = [];
  for (let p = container[0]; p <= container[1]; p++) {
    out.push({ target: p, published: hostStart === null ? null : String(hostStart + (p - container[0])), hostIp, protocol });
  }
  return out;
}

/** Parses a long-syntax entry `{target, published, host_ip, protocol}`. */
export function parseLongPort(entry: Record<string, unknown>): PortModel[] {
  const spec = JSON.stringify(entry);
  if (entry.target === undefined || entry.target === null) throw new PortError(`missing target in ${spec}`);
  const [target] = range(String(entry.target), 'container', spec);
  const protocol = entry.protocol ? protocolOf(String(entry.protocol), spec) : 'tcp';
  const hostIp = entry.host_ip ? String(entry.host_ip) : null;
  if (entry.published === undefined || entry.published === null || entry.published === '')
    return [{ target, published: null, hostIp, protocol }];
  const [a, b] = range(String(entry.published), 'host', spec);
  return [{ target, published: a === b ? String(a) : `${a}-${b}`, hostIp, protocol }];
}
