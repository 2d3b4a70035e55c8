// Resource figures per running container, from the engine's own stats stream (one per
// container, the way `docker stats` reads them), opened only while a dashboard is
// watching. Samples are sent once a second for all services together, and the last few
// minutes are kept for a dashboard that opens later.
import type Dockerode from 'dockerode';
import type { StatsSample } from '../../../shared/stack';
import { LIMITS } from '../../../shared/rules';

/** The fields of a stats frame the figures come from (Engine API, cgroup v1 and v2). */
export interface StatsFrame {
  cpu_stats?: { cpu_usage?: { total_usage?: number; percpu_usage?: number[] }; system_cpu_usage?: number; online_cpus?: number };
  precpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number };
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
  blkio_stats?: { io_service_bytes_recursive?: { op?: string; value?: number }[] | null };
}

/** One frame as figures, computed as the docker CLI does (CPU against the host's, memory less the page cache). */
export function sampleOf(service: string, containerId: string, f: StatsFrame, at: number): StatsSample {
  const cpu = f.cpu_stats;
  const pre = f.precpu_stats;
  const cpuDelta = (cpu?.cpu_usage?.total_usage ?? 0) - (pre?.cpu_usage?.total_usage ?? 0);
  const systemDelta = (cpu?.system_cpu_usage ?? 0) - (pre?.system_cpu_usage ?? 0);
  const cpus = cpu?.online_cpus || cpu?.cpu_usage?.percpu_usage?.length || 1;
  const cpuPercent = cpuDelta > 0 && systemDelta > 0 ? (cpuDelta / systemDelta) * cpus * 100 : 0;
  const mem = f.memory_stats;
  // cgroup v2 reports inactive_file, v1 total_inactive_file: the cache the kernel can drop.
  const cache = mem?.stats?.inactive_file ?? mem?.stats?.total_inactive_file ?? 0;
  const memoryBytes = Math.max(0, (mem?.usage ?? 0) - cache);
  let netRx = 0;
  let netTx = 0;
  for (const n of Object.values(f.networks ?? {})) {
    netRx += n.rx_bytes ?? 0;
    netTx += n.tx_bytes ?? 0;
  }
  let read = 0;
  let write = 0;
  for (const e of f.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = (e.op ?? '').toLowerCase();
    if (op === 'read') read += e.value ?? 0;
    else if (op === 'write') write += e.value ?? 0;
  }
  return {
    service,
    containerId,
    at,
    cpuPercent,
    memoryBytes,
    memoryLimitBytes: mem?.limit ?? 0,
    netRxBytes: netRx,
    netTxBytes: netTx,
    blockReadBytes: read,
    blockWriteBytes: write,
  };
}

interface Followed {
  service: string;
  stream: NodeJS.ReadableStream | null;
  closed: boolean;
}

export class StatsFollower {
  private readonly followed = new Map<string, Followed>();
  private readonly kept = new Map<string, StatsSample[]>();
  private pending: StatsSample[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  private watching = false;
  private wanted: { service: string; containerId: string }[] = [];

  constructor(
    private readonly docker: () => Dockerode | null,
    private readonly emit: (samples: StatsSample[]) => void,
    private readonly periodMs = 1000,
  ) {}

  /** The running containers to follow (streams open only while someone watches). */
  follow(running: { service: string; containerId: string }[]): void {
    this.wanted = running;
    this.reconcile();
  }

  setWatching(on: boolean): void {
    if (on === this.watching) return;
    this.watching = on;
    this.reconcile();
  }

  /** The last few minutes per service, oldest first. */
  history(): Record<string, StatsSample[]> {
    return Object.fromEntries(this.kept);
  }

  /** Streams open now (tests, diagnostics). */
  streams(): number {
    return this.followed.size;
  }

  close(): void {
    this.watching = false;
    this.wanted = [];
    this.reconcile();
  }

  private reconcile(): void {
    const want = new Map(this.watching ? this.wanted.map((w) => [w.containerId, w.service]) : []);
    for (const [id, f] of this.followed) {
      if (want.has(id)) continue;
      f.closed = true;
      (f.stream as { destroy?: () => void } | null)?.destroy?.();
      this.followed.delete(id);
    }
    for (const [id, service] of want) if (!this.followed.has(id)) this.open(id, service);
    // Services no longer running keep their history; a recreated one continues it.
    if (this.followed.size > 0 && !this.timer) this.timer = setInterval(() => this.send(), this.periodMs);
    if (this.followed.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  private open(containerId: string, service: string): void {
    const docker = this.docker();
    if (!docker) return;
    const f: Followed = { service, stream: null, closed: false };
    this.followed.set(containerId, f);
    void docker
      .getContainer(containerId)
      .stats({ stream: true })
      .then((stream) => {
        const s = stream as unknown as NodeJS.ReadableStream;
        if (f.closed) return (s as { destroy?: () => void }).destroy?.();
        f.stream = s;
        let buf = '';
        s.on('data', (chunk: Buffer) => {
          buf += chunk.toString('utf8');
          for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
            const line = buf.slice(0, nl);
            buf = buf.slice(nl + 1);
            if (line.trim()) this.accept(sampleOf(service, containerId, JSON.parse(line) as StatsFrame, Date.now()));
          }
        });
        // A stream that ends (container stopped) is reopened by the next follow() if it runs again.
        s.on('error', () => this.followed.delete(containerId));
        s.on('end', () => this.followed.delete(containerId));
      })
      .catch(() => this.followed.delete(containerId));
  }

  private accept(sample: StatsSample): void {
    const list = this.kept.get(sample.service) ?? [];
    list.push(sample);
    if (list.length > LIMITS.statsSamplesKept) list.splice(0, list.length - LIMITS.statsSamplesKept);
    this.kept.set(sample.service, list);
    this.pending.push(sample);
  }

  private send(): void {
    if (this.pending.length === 0) return;
    const samples = this.pending;
    this.pending = [];
    this.emit(samples);
  }
}
