// Keeps the traffic monitor and the Valkey probe pointed at the stack's pub/sub
// service as the stack changes: connect when its port is published, stay put (and
// let the monitor reconnect, marking a gap) while it restarts, let go when the
// stack is removed.
import { isServiceServing } from '../../../shared/rules';
import type { StackSnapshot } from '../../../shared/stack';
import type { StackModel } from '../compose/model';
import { findPubSubService, locatePubSub } from '../traffic/locate';
import type { TrafficMonitor } from '../traffic/monitor';
import type { ValkeyProbe } from '../traffic/probe';

export class PubSubLink {
  private url: string | null = null;

  constructor(
    private readonly monitor: TrafficMonitor,
    private readonly probe: ValkeyProbe,
    /** The remote engine's host, where published ports are; null for a local engine. */
    private readonly engineHost: () => string | null = () => null,
  ) {}

  /** Call with every new snapshot (and with a null model when the files are broken). */
  update(model: StackModel | null, snapshot: StackSnapshot | null): void {
    if (!model) return this.release();
    const services = new Map((snapshot?.services ?? []).map((s) => [s.name, s]));
    const found = locatePubSub(
      model,
      (name) => {
        const s = services.get(name);
        return s && isServiceServing(s)
          ? s.ports.map((p) => ({ hostIp: p.hostIp, hostPort: p.hostPort, containerPort: p.containerPort }))
          : null;
      },
      this.engineHost(),
    );
    if ('url' in found) {
      if (found.url !== this.url) {
        this.url = found.url;
        void this.monitor.connect(found.url).catch(() => undefined);
        this.probe.start(found.url);
      }
      return;
    }
    const svc = findPubSubService(model)?.service;
    const state = svc ? services.get(svc) : undefined;
    // A known Valkey that stopped or restarts: keep the subscription, which reconnects
    // by itself and records the gap.
    if (this.url && state && state.status !== 'absent') return;
    if (!svc) return this.release(found.none);
    this.release();
  }

  close(): void {
    this.release();
  }

  /** Lets go of Valkey; with a reason, the stack has no pub/sub service at all. */
  private release(noPubSubReason?: string): void {
    if (this.url) {
      this.url = null;
      this.probe.stop();
      void this.monitor.disconnect().catch(() => undefined);
    }
    if (noPubSubReason) this.monitor.setNoPubSub(noPubSubReason);
  }
}
