// Valkey beyond one node for integration tests, from the fixture image on loopback
// ports: a cluster (valkey-server --cluster-enabled yes, joined by valkey-cli --cluster
// create) and a Sentinel set (a master, a replica, a sentinel). Containers use the
// host's network so the addresses nodes announce to clients are the loopback ones the
// tests reach; every one is labelled, and removed by stop() or the global teardown.
import type Dockerode from 'dockerode';
import { requireEngine } from './engine';
import { fixtureEnv } from './fixtures';
import { testLabels } from './labels';
import { freePort } from './ports';
import { waitFor } from './wait';
import { pingOnce, waitForPing } from './valkey';

const HOST = '127.0.0.1';

interface Node {
  port: number;
  container: Dockerode.Container;
}

async function runNode(docker: Dockerode, name: string, cmd: string[]): Promise<Dockerode.Container> {
  const { VALKEY_IMAGE } = fixtureEnv();
  const container = await docker.createContainer({
    name,
    Image: VALKEY_IMAGE,
    Entrypoint: ['sh', '-c', cmd.join(' ')],
    Labels: testLabels(),
    HostConfig: { NetworkMode: 'host' },
  });
  await container.start();
  return container;
}

const remove = (c: Dockerode.Container): Promise<void> =>
  c.remove({ force: true }).catch((err: { statusCode?: number }) => {
    if (err.statusCode !== 404) throw err;
  });

/** A loopback port whose cluster bus port (port + 10000) is free too. */
async function clusterPort(taken: Set<number>): Promise<number> {
  for (;;) {
    const p = await freePort();
    if (p + 10_000 > 65_535 || taken.has(p) || taken.has(p + 10_000)) continue;
    const bus = await new Promise<boolean>((resolve) => {
      void pingOnce(HOST, p + 10_000, 200).then((answered) => resolve(!answered));
    });
    if (!bus) continue;
    taken.add(p);
    taken.add(p + 10_000);
    return p;
  }
}

async function exec(container: Dockerode.Container, cmd: string[]): Promise<string> {
  // A TTY: one plain stream, without the multiplexed frames' binary headers.
  const e = await container.exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true, Tty: true });
  const stream = await e.start({ Tty: true });
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const { ExitCode } = await e.inspect();
  const text = Buffer.concat(chunks).toString('utf8').replace(/\r\n/g, '\n');
  if (ExitCode !== 0) throw new Error(`${cmd.join(' ')} exited ${ExitCode}: ${text}`);
  return text;
}

export interface TestCluster {
  /** redis+cluster://… naming every master. */
  url: string;
  /** A plain redis:// URL of one master: the monitor finds out it is in a cluster. */
  nodeUrl: string;
  ports: number[];
  /** valkey-cli on the first node, e.g. ['cluster', 'nodes']. */
  cli(port: number, ...args: string[]): Promise<string>;
  /** The port of the master that serves a channel's (or key's) slot now. */
  masterOf(channel: string): Promise<number>;
  /** Kills one node's container (SIGKILL), as a crash would. */
  kill(port: number): Promise<void>;
  stop(): Promise<void>;
}

/** Three masters with one replica each; failover after a 1 s node timeout. */
export async function startCluster(opts: { masters?: number; replicas?: number } = {}): Promise<TestCluster> {
  const docker = await requireEngine();
  const masters = opts.masters ?? 3;
  const replicas = opts.replicas ?? 1;
  const taken = new Set<number>();
  const killed = new Set<number>();
  const nodes: Node[] = [];
  const tag = `atom-cluster-${process.pid}-${Date.now().toString(36)}`;
  const stop = async (): Promise<void> => {
    await Promise.all(nodes.map((n) => remove(n.container)));
  };
  try {
    for (let i = 0; i < masters * (1 + replicas); i++) {
      const port = await clusterPort(taken);
      const container = await runNode(docker, `${tag}-${port}`, [
        'exec valkey-server',
        `--port ${port}`,
        `--bind ${HOST}`,
        '--cluster-enabled yes',
        '--cluster-node-timeout 1000',
        // A replica fails over however long ago it last heard its master (a new cluster's replicas may not have yet).
        '--cluster-replica-validity-factor 0',
        `--cluster-config-file /tmp/nodes-${port}.conf`,
        "--save ''",
        '--appendonly no',
        '--protected-mode no',
      ]);
      nodes.push({ port, container });
    }
    await Promise.all(nodes.map((n) => waitForPing(HOST, n.port, 20_000)));
    const first = nodes[0]!;
    await exec(first.container, [
      'valkey-cli',
      '--cluster',
      'create',
      ...nodes.map((n) => `${HOST}:${n.port}`),
      '--cluster-replicas',
      String(replicas),
      '--cluster-yes',
    ]);
    // Run from a node still alive (any container can reach every port on the host network).
    const cli = (port: number, ...args: string[]): Promise<string> =>
      exec(nodes.find((n) => !killed.has(n.port))!.container, ['valkey-cli', '--raw', '-p', String(port), ...args]);
    await waitFor(
      'the test cluster to agree (cluster_state:ok on every node)',
      async () => (await Promise.all(nodes.map((n) => cli(n.port, 'cluster', 'info')))).every((i) => i.includes('cluster_state:ok')),
      30_000,
      200,
    );
    // Every replica in sync with its master, so a failover has a replica to promote.
    await waitFor(
      "the test cluster's replicas to sync",
      async () =>
        (await Promise.all(nodes.map((n) => cli(n.port, 'info', 'replication')))).filter((i) => i.includes('master_link_status:up'))
          .length ===
        masters * replicas,
      30_000,
      200,
    );
    const masterPorts = nodes.slice(0, masters).map((n) => n.port);
    return {
      url: `redis+cluster://${masterPorts.map((p) => `${HOST}:${p}`).join(',')}`,
      nodeUrl: `redis://${HOST}:${masterPorts[0]}`,
      ports: nodes.map((n) => n.port),
      cli,
      async masterOf(channel) {
        const alive = nodes.find((n) => !killed.has(n.port))!;
        const slot = Number((await cli(alive.port, 'cluster', 'keyslot', channel)).trim());
        for (const line of (await cli(alive.port, 'cluster', 'nodes')).split('\n')) {
          const f = line.trim().split(/\s+/);
          if (!f[2]?.includes('master') || f[2].includes('fail')) continue;
          for (const r of f.slice(8)) {
            const [a, b] = r.split('-').map(Number);
            if (slot >= a! && slot <= (b ?? a)!) return Number(f[1]!.split('@')[0]!.split(':')[1]);
          }
        }
        throw new Error(`no master serves slot ${slot} (${channel})`);
      },
      async kill(port) {
        killed.add(port);
        await nodes.find((n) => n.port === port)!.container.kill();
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

export interface TestSentinel {
  /** redis+sentinel://127.0.0.1:<sentinel>/mymaster */
  url: string;
  masterPort: number;
  replicaPort: number;
  /** The port of the master the sentinel names now. */
  master(): Promise<number>;
  kill(port: number): Promise<void>;
  stop(): Promise<void>;
}

/** A master, its replica and one sentinel (quorum 1) that fails over after 1 s down. */
export async function startSentinel(): Promise<TestSentinel> {
  const docker = await requireEngine();
  const taken = new Set<number>();
  const [masterPort, replicaPort, sentinelPort] = [await clusterPort(taken), await clusterPort(taken), await clusterPort(taken)];
  const tag = `atom-sentinel-${process.pid}-${Date.now().toString(36)}`;
  const containers: Dockerode.Container[] = [];
  const nodes = new Map<number, Dockerode.Container>();
  const stop = async (): Promise<void> => {
    await Promise.all(containers.map(remove));
  };
  const server = (port: number, extra: string[]): string[] => [
    'exec valkey-server',
    `--port ${port}`,
    `--bind ${HOST}`,
    "--save ''",
    '--appendonly no',
    '--protected-mode no',
    ...extra,
  ];
  try {
    for (const [port, cmd] of [
      [masterPort, server(masterPort, [])],
      [replicaPort, server(replicaPort, [`--replicaof ${HOST} ${masterPort}`])],
    ] as const) {
      const c = await runNode(docker, `${tag}-${port}`, [...cmd]);
      containers.push(c);
      nodes.set(port, c);
    }
    const conf = [
      `port ${sentinelPort}`,
      `bind ${HOST}`,
      `sentinel monitor mymaster ${HOST} ${masterPort} 1`,
      'sentinel down-after-milliseconds mymaster 1000',
      'sentinel failover-timeout mymaster 5000',
      'sentinel parallel-syncs mymaster 1',
    ].join('\\n');
    const sentinel = await runNode(docker, `${tag}-${sentinelPort}`, [
      `printf '${conf}\\n' > /tmp/sentinel.conf &&`,
      'exec valkey-server /tmp/sentinel.conf --sentinel',
    ]);
    containers.push(sentinel);
    await Promise.all([masterPort, replicaPort].map((p) => waitForPing(HOST, p, 20_000)));
    await waitForPing(HOST, sentinelPort, 20_000);
    const master = async (): Promise<number> => {
      const out = await exec(sentinel, [
        'valkey-cli',
        '--raw',
        '-p',
        String(sentinelPort),
        'sentinel',
        'get-master-addr-by-name',
        'mymaster',
      ]);
      return Number(out.trim().split(/\s+/)[1]);
    };
    // The replica in sync and known to the sentinel, so a failover has somewhere to go.
    await waitFor(
      'the replica to sync and the sentinel to know it',
      async () =>
        (await exec(nodes.get(replicaPort)!, ['valkey-cli', '--raw', '-p', String(replicaPort), 'info', 'replication'])).includes(
          'master_link_status:up',
        ) &&
        (await exec(sentinel, ['valkey-cli', '--raw', '-p', String(sentinelPort), 'sentinel', 'replicas', 'mymaster'])).includes(
          String(replicaPort),
        ),
      30_000,
      200,
    );
    return {
      url: `redis+sentinel://${HOST}:${sentinelPort}/mymaster`,
      masterPort,
      replicaPort,
      master,
      async kill(port) {
        await nodes.get(port)!.kill();
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
