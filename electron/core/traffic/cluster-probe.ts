// A cluster's nodes as the Valkey card shows them: role, slots, memory and clients.
// CLUSTER NODES (from any node) gives the topology; each reachable node's INFO its own figures.
import type { ClusterNodeProbe } from '../../../shared/traffic';

/** Parses a CLUSTER NODES reply: one line per node, `id addr@bus flags master ping pong epoch link slot…`. */
export function parseClusterNodes(reply: string): ClusterNodeProbe[] {
  const nodes: ClusterNodeProbe[] = [];
  for (const line of reply.split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 8) continue;
    const [id, addrBus, flags, master, , , , link, ...slotFields] = f as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      ...string[],
    ];
    const flagSet = new Set(flags.split(','));
    const slots: [number, number][] = [];
    for (const s of slotFields) {
      // Ranges and single slots; [slot->-node] importing/migrating entries are not owned yet.
      const m = /^(\d+)(?:-(\d+))?$/.exec(s);
      if (m) slots.push([Number(m[1]), Number(m[2] ?? m[1])]);
    }
    nodes.push({
      id,
      addr: addrBus.split('@')[0]!.split(',')[0]!,
      role: flagSet.has('master') ? 'master' : 'replica',
      masterId: master === '-' ? null : master,
      slots,
      failing: flagSet.has('fail') || flagSet.has('fail?') || link !== 'connected',
      usedMemoryBytes: null,
      connectedClients: null,
    });
  }
  // Masters first, by their first slot; each master's replicas after it.
  const masters = nodes.filter((n) => n.role === 'master').sort((a, b) => (a.slots[0]?.[0] ?? 1e9) - (b.slots[0]?.[0] ?? 1e9));
  const ordered: ClusterNodeProbe[] = [];
  for (const m of masters) ordered.push(m, ...nodes.filter((n) => n.masterId === m.id));
  for (const n of nodes) if (!ordered.includes(n)) ordered.push(n);
  return ordered;
}
