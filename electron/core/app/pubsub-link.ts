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
import type { Tunnel } from '../engine/ssh-tunnel';

export class PubSubLink {
  private url: string | null = null;

  constructor(
    private readonly monitor: TrafficMonitor,
    private readonly probe: ValkeyProbe,
    /** The remote engine's host, where published ports are; null for a local engine. */
    private readonly engineHost: () => string | null = () => null,
    /** An ssh:// engine's tunnels to ports on its host's loopback; null when the engine is not one. */
    private readonly tunnels: () => ((host: string, port: number) => Promise<Tunnel>) | null = () => null,
  ) {}

  private tunnel: { key: string; open: Promise<Tunnel | null> } | null = null;

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
      this.tunnels() !== null,
    );
    if ('tunnel' in found) return this.throughTunnel(found.tunnel.host, found.tunnel.port);
    if ('url' in found) {
      if (this.tunnel) this.closeTunnel();
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

  /** Valkey on the remote host's loopback: one tunnel per host:port, the monitor pointed at its local end. */
  private throughTunnel(host: string, port: number): void {
    const key = `${host}:${port}`;
    if (this.tunnel?.key === key) return;
    this.closeTunnel();
    const open = this.tunnels();
    if (!open) return;
    const t = { key, open: open(host, port).catch(() => null) };
    this.tunnel = t;
    void t.open.then((tunnel) => {
      if (this.tunnel !== t) return tunnel?.close();
      // Not opened (the host unreachable for now): the next snapshot tries again.
      if (!tunnel) {
        this.tunnel = null;
        return;
      }
      const url = `redis://127.0.0.1:${tunnel.port}`;
      this.url = url;
      void this.monitor.connect(url).catch(() => undefined);
      this.probe.start(url);
    });
  }

  private closeTunnel(): void {
    const t = this.tunnel;
    this.tunnel = null;
    void t?.open.then((tunnel) => tunnel?.close());
  }

  /** Lets go of Valkey; with a reason, the stack has no pub/sub service at all. */
  private release(noPubSubReason?: string): void {
    this.closeTunnel();
    if (this.url) {
      this.url = null;
      this.probe.stop();
      void this.monitor.disconnect().catch(() => undefined);
    }
    if (noPubSubReason) this.monitor.setNoPubSub(noPubSubReason);
  }
}
