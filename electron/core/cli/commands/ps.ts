// `atom-desktop ps [--json]`: the services and their state.
import type { ServiceState } from '../../../../shared/stack';
import { COMMON_USAGE, parseStackArgs, withStack } from '../stack-options';

const HELP = `usage: atom-desktop ps ${COMMON_USAGE} [--json]

Lists the stack's services: SERVICE, CONTAINER, STATUS, PORTS, UPTIME.
  --json   print the service states as JSON`;

export function statusText(s: ServiceState): string {
  if (s.status === 'exited' || s.status === 'dead') return `${s.status}(${s.exitCode ?? '?'})`;
  return s.status;
}

export function uptimeText(startedAt: string | null, now = Date.now()): string {
  if (!startedAt) return '-';
  const secs = Math.max(0, Math.floor((now - Date.parse(startedAt)) / 1000));
  if (secs < 60) return `${secs}s`;
  if (secs < 3600) return `${Math.floor(secs / 60)}m${String(secs % 60).padStart(2, '0')}s`;
  if (secs < 86400) return `${Math.floor(secs / 3600)}h${String(Math.floor((secs % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(secs / 86400)}d${Math.floor((secs % 86400) / 3600)}h`;
}

export function portsText(s: ServiceState): string {
  const seen = new Set<string>();
  for (const p of s.ports)
    seen.add(`${p.hostIp === '::' ? '[::]' : p.hostIp || '0.0.0.0'}:${p.hostPort}->${p.containerPort}/${p.protocol}`);
  return [...seen].join(', ') || '-';
}

export function table(services: ServiceState[], now = Date.now()): string {
  const rows = [
    ['SERVICE', 'CONTAINER', 'STATUS', 'PORTS', 'UPTIME'],
    ...services.map((s) => [s.name, s.containerId ? s.containerName : '-', statusText(s), portsText(s), uptimeText(s.startedAt, now)]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n');
}

export async function run(argv: string[]): Promise<number> {
  const args = parseStackArgs('ps', argv, { json: { type: 'boolean' } }, HELP);
  if (typeof args === 'number') return args;
  // One read of the state: no events stream, no file watching.
  return withStack(
    'ps',
    args.values,
    async ({ engine }) => {
      const { services } = await engine.refresh();
      console.log(args.values.json ? JSON.stringify(services, null, 2) : table(services));
    },
    { oneShot: true },
  );
}
