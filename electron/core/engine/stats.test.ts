import { describe, expect, it } from 'vitest';
import { sampleOf } from './stats';

describe('a stats frame as figures', () => {
  it('computes CPU against the host and memory less the page cache (cgroup v2), sums networks and block I/O', () => {
    const s = sampleOf(
      'valkey',
      'c1',
      {
        cpu_stats: { cpu_usage: { total_usage: 3_000_000 }, system_cpu_usage: 120_000_000, online_cpus: 2 },
        precpu_stats: { cpu_usage: { total_usage: 1_000_000 }, system_cpu_usage: 100_000_000 },
        memory_stats: { usage: 50 * 2 ** 20, limit: 24 * 2 ** 30, stats: { inactive_file: 10 * 2 ** 20 } },
        networks: { eth0: { rx_bytes: 1000, tx_bytes: 200 }, eth1: { rx_bytes: 24, tx_bytes: 6 } },
        blkio_stats: {
          io_service_bytes_recursive: [
            { op: 'read', value: 4096 },
            { op: 'write', value: 8192 },
            { op: 'Read', value: 4 },
          ],
        },
      },
      1_000,
    );
    expect(s).toEqual({
      service: 'valkey',
      containerId: 'c1',
      at: 1_000,
      cpuPercent: 20, // 2e6 of 20e6 host ticks, over 2 CPUs
      memoryBytes: 40 * 2 ** 20,
      memoryLimitBytes: 24 * 2 ** 30,
      netRxBytes: 1024,
      netTxBytes: 206,
      blockReadBytes: 4100,
      blockWriteBytes: 8192,
    });
  });

  it('reads cgroup v1 cache, and a first frame (no previous CPU reading) is 0 % rather than nonsense', () => {
    const s = sampleOf(
      'b',
      'c2',
      {
        cpu_stats: { cpu_usage: { total_usage: 5, percpu_usage: [1, 2, 3, 4] }, system_cpu_usage: 10 },
        precpu_stats: {},
        memory_stats: { usage: 300, limit: 1000, stats: { total_inactive_file: 100 } },
        blkio_stats: { io_service_bytes_recursive: null },
      },
      5,
    );
    expect(s).toMatchObject({ cpuPercent: 50 * 4, memoryBytes: 200, netRxBytes: 0, blockReadBytes: 0 });
    const first = sampleOf(
      'b',
      'c2',
      {
        cpu_stats: { cpu_usage: { total_usage: 5 }, system_cpu_usage: 10 },
        precpu_stats: { cpu_usage: { total_usage: 5 }, system_cpu_usage: 10 },
      },
      5,
    );
    expect(first.cpuPercent).toBe(0);
  });
});
