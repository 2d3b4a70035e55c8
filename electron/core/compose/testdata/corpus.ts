// The differential corpus: compose files written for the tests, each exercising keys
// Atom Desktop honours, in the shapes users write them. differential-v2.int.test.ts
// loads every one with compose v2 and with our loader and compares the results.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface CorpusCase {
  name: string;
  files: Record<string, string>;
  /** -f files, in order; default docker-compose.yml. */
  compose?: string[];
  env?: Record<string, string>;
  /** Project directory name (the default project name). */
  dir?: string;
  /** --project-directory, relative to the case's folder. */
  projectDirectory?: string;
}

const svc = (body: string, image = 'img:1'): string => `services:\n  s:\n    image: ${image}\n${body}`;
const one = (name: string, body: string, extra: Partial<CorpusCase> = {}): CorpusCase => ({
  name,
  files: { 'docker-compose.yml': svc(body) },
  ...extra,
});

const BUNDLED = readFileSync(fileURLToPath(new URL('../../../../docker-compose-personal.yml', import.meta.url)), 'utf8');

/** The Personal Edition checkout's file, in the shape Atom ships it (four services). */
export const ATOM_CHECKOUT_COMPOSE = `version: '3.8'
services:
  valkey:
    image: valkey/valkey:latest
    container_name: atom-personal-valkey
    ports:
      - "6379:6379"
    healthcheck:
      test: ["CMD", "redis-cli", "ping"]
      interval: 10s
      timeout: 5s
      retries: 5
      start_period: 10s
    restart: unless-stopped
    networks:
      - atom-local
  atom-backend:
    build:
      context: ./backend
      dockerfile: Dockerfile
    container_name: atom-personal-backend
    ports:
      - "8000:8000"
    environment:
      - REDIS_URL=redis://valkey:6379
      - OPENAI_API_KEY=\${OPENAI_API_KEY:-}
      - ANTHROPIC_API_KEY=\${ANTHROPIC_API_KEY:-}
      - SECRET_KEY=\${SECRET_KEY:?SECRET_KEY must be set in .env}
      - ENCRYPTION_KEY=\${ENCRYPTION_KEY:?ENCRYPTION_KEY must be set in .env}
      - DATABASE_URL=\${DATABASE_URL:-sqlite:///./data/atom.db}
      - LOG_LEVEL=\${LOG_LEVEL:-info}
    volumes:
      - ./data:/app/data
      - ./backend:/app
    working_dir: /app
    command: uvicorn main:app --host 0.0.0.0 --port 8000 --reload
    depends_on:
      valkey:
        condition: service_healthy
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost:8000/health/live"]
      interval: 30s
      timeout: 10s
      retries: 3
      start_period: 40s
    extra_hosts:
      - "host.docker.internal:host-gateway"
    restart: unless-stopped
    networks:
      - atom-local
  atom-frontend:
    build: ./frontend-nextjs
    ports:
      - "3000:3000"
    environment:
      - NEXT_PUBLIC_API_URL=\${NEXT_PUBLIC_API_URL:-http://localhost:8000}
    volumes:
      - /app/node_modules
      - /app/.next
    depends_on:
      - atom-backend
      - valkey
    restart: unless-stopped
    networks:
      - atom-local
  browser-node:
    image: browserless/chrome:latest
    ports:
      - "3001:3000"
    restart: unless-stopped
    networks:
      - atom-local
volumes:
  atom-data:
networks:
  atom-local:
    driver: bridge
    internal: false
    ipam:
      config:
        - subnet: 172.28.0.0/16
`;

export const ATOM_CHECKOUT_FILES: Record<string, string> = {
  'docker-compose.yml': ATOM_CHECKOUT_COMPOSE,
  'backend/Dockerfile': 'FROM scratch\n',
  'frontend-nextjs/Dockerfile': 'FROM scratch\n',
  '.env': 'SECRET_KEY=s3cret-key\nENCRYPTION_KEY=enc-key\nLOG_LEVEL=debug\n',
};

export const CORPUS: CorpusCase[] = [
  {
    name: 'the bundled docker-compose-personal.yml',
    files: { 'docker-compose.yml': BUNDLED, 'resources/demo-backend/Dockerfile': 'FROM scratch\n' },
    env: { VALKEY_IMAGE: 'v:1', ATOM_BACKEND_IMAGE: 'b:1' },
    dir: 'atom-personal',
  },
  { name: 'the Atom checkout (four services, ipam, required keys from .env)', files: ATOM_CHECKOUT_FILES, dir: 'atom' },
  {
    name: 'the Atom checkout with values from the environment overriding .env',
    files: ATOM_CHECKOUT_FILES,
    env: { LOG_LEVEL: 'warning', OPENAI_API_KEY: 'sk-test' },
    dir: 'atom',
  },
  one('image only', ''),
  one('command as a string with quotes', '    command: sh -c "echo \'a b\' && sleep 1"\n'),
  one('command and entrypoint as lists', '    entrypoint: ["/bin/sh", "-c"]\n    command: ["echo hi"]\n'),
  one('environment as a map with empty and numeric values', '    environment:\n      A: "1"\n      B: ""\n      C: 3\n      D: true\n'),
  one('environment as a list, with a variable and no value', '    environment:\n      - A=1\n      - B=\n      - FROM_ENV\n', {
    env: { FROM_ENV: 'here' },
  }),
  one('env_file and environment together', '    env_file: [app.env]\n    environment: [B=over]\n', {
    files: { 'docker-compose.yml': svc('    env_file: [app.env]\n    environment: [B=over]\n'), 'app.env': 'A=from-file\nB=file\n# c\n' },
  }),
  one(
    'interpolation: defaults, alternates, nested, $$',
    '    environment:\n      A: ${X:-dflt}\n      B: ${SET:+alt}\n      C: ${UNSET-unset}\n      D: $$LITERAL\n      E: ${SET}-${X:-${SET}}\n',
    {
      env: { SET: 'yes' },
    },
  ),
  one('interpolation from .env and the environment', '', {
    files: { 'docker-compose.yml': svc('    environment:\n      - A=${A}\n      - B=${B}\n'), '.env': 'A=dotenv\nB=dotenv\n' },
    env: { B: 'os' },
  }),
  one('ports: short forms', '    ports: ["80", "8080:80", "127.0.0.1:9000:9000", "53:53/udp", "127.0.0.1::5000"]\n'),
  one(
    'ports: long form',
    '    ports:\n      - target: 80\n        published: "8081"\n        host_ip: 127.0.0.1\n        protocol: tcp\n      - target: 443\n',
  ),
  one('labels as a map and as a list', '    labels:\n      a: "1"\n      b.c: two\n', {
    files: {
      'docker-compose.yml': 'services:\n  s:\n    image: img:1\n    labels: {a: "1"}\n  t:\n    image: img:1\n    labels: ["x=1", "y"]\n',
    },
  }),
  one('restart policies', '    restart: on-failure:3\n', {
    files: {
      'docker-compose.yml':
        'services:\n  a:\n    image: i\n    restart: "no"\n  b:\n    image: i\n    restart: always\n  c:\n    image: i\n    restart: on-failure:3\n  d:\n    image: i\n    restart: unless-stopped\n',
    },
  }),
  one(
    'healthcheck: all durations',
    '    healthcheck:\n      test: ["CMD-SHELL", "exit 0"]\n      interval: 1m30s\n      timeout: 500ms\n      retries: 7\n      start_period: 2s\n      start_interval: 1s\n',
  ),
  one('healthcheck: a string test', '    healthcheck:\n      test: curl -f http://localhost/ || exit 1\n'),
  one('healthcheck: disabled', '    healthcheck:\n      disable: true\n'),
  one('healthcheck: NONE', '    healthcheck:\n      test: ["NONE"]\n'),
  {
    name: 'depends_on: short and long forms, conditions, required, restart',
    files: {
      'docker-compose.yml': `services:
  db:
    image: db:1
    healthcheck: {test: [CMD, "true"]}
  init:
    image: i:1
  web:
    image: w:1
    depends_on:
      db: {condition: service_healthy, restart: true}
      init: {condition: service_completed_successfully}
  worker:
    image: w:1
    depends_on: [db, web]
`,
    },
  },
  one(
    'volumes: anonymous, named, short binds with modes',
    '    volumes: ["/anon", "named:/n", "./rel:/r:ro", "/abs/path:/a:rw", "~/home:/h"]\nvolumes:\n  named: {}\n',
  ),
  one(
    'volumes: long syntax bind, volume and tmpfs',
    '    volumes:\n      - type: bind\n        source: ./src\n        target: /src\n        read_only: true\n      - type: bind\n        source: ./made\n        target: /made\n        bind: {create_host_path: true}\n      - type: volume\n        source: data\n        target: /data\n      - type: tmpfs\n        target: /tmp\nvolumes:\n  data:\n',
  ),
  one(
    'volumes: named with driver, driver_opts, labels, explicit name, external',
    '    volumes: ["vol-a:/a", "vol-b:/b", "vol-c:/c"]\nvolumes:\n  vol-a:\n    driver: local\n    driver_opts: {type: tmpfs, device: tmpfs, o: "size=10m"}\n    labels: {team: atom}\n  vol-b:\n    name: explicit-b\n  vol-c:\n    external: true\n',
  ),
  one('networks: default only', ''),
  one(
    'networks: ipam with gateway, range and aux addresses',
    '    networks: [n]\nnetworks:\n  n:\n    ipam:\n      driver: default\n      config:\n        - subnet: 10.77.0.0/16\n          gateway: 10.77.0.1\n          ip_range: 10.77.1.0/24\n          aux_addresses: {router: 10.77.0.2}\n',
  ),
  one(
    'networks: internal, attachable, labels, driver_opts',
    '    networks: [n]\nnetworks:\n  n:\n    driver: bridge\n    internal: true\n    attachable: true\n    labels: [a=b]\n    driver_opts: {com.docker.network.bridge.name: br-test}\n',
  ),
  one(
    'networks: enable_ipv6',
    '    networks: [n]\nnetworks:\n  n:\n    enable_ipv6: true\n    ipam:\n      config:\n        - subnet: 10.78.0.0/16\n        - subnet: "fd00:78::/64"\n',
  ),
  one(
    'networks: external and named',
    '    networks: [ext, named]\nnetworks:\n  ext:\n    external: true\n  named:\n    name: my-named-net\n',
  ),
  one(
    'networks: aliases and ipv4_address per service',
    '    networks:\n      n:\n        aliases: [alpha, beta]\n        ipv4_address: 10.79.0.5\n      default: {}\nnetworks:\n  n:\n    ipam: {config: [{subnet: 10.79.0.0/16}]}\n',
  ),
  one(
    'unused networks and volumes are not printed',
    '    networks: [used]\nnetworks:\n  used: {}\n  unused: {}\nvolumes:\n  unused-vol: {}\n',
  ),
  one('extra_hosts: list with host-gateway and a map', '    extra_hosts: ["host.docker.internal:host-gateway", "db:10.0.0.2"]\n'),
  one('extra_hosts as a map', '    extra_hosts:\n      db: 10.0.0.3\n      gw: host-gateway\n'),
  one('deploy.replicas', '    deploy:\n      replicas: 3\n'),
  one('scale', '    scale: 2\n'),
  one(
    'container_name, user, working_dir, tty, stdin_open',
    '    container_name: my-container\n    user: "1000:1000"\n    working_dir: /work\n    tty: true\n    stdin_open: true\n',
  ),
  one('stop_grace_period and stop_signal', '    stop_grace_period: 1m5s\n    stop_signal: SIGINT\n'),
  one('pull_policy', '    pull_policy: never\n'),
  one(
    'capabilities and security settings',
    '    cap_add: [NET_ADMIN, SYS_TIME]\n    cap_drop: ["ALL"]\n    privileged: true\n    read_only: true\n    security_opt: ["no-new-privileges:true", "label=disable"]\n    init: true\n    group_add: [wheel]\n    oom_score_adj: 10\n',
  ),
  one(
    'hostname, DNS and exposed ports',
    '    hostname: box\n    domainname: example.test\n    dns: 1.1.1.1\n    dns_search: [a.test, b.test]\n    expose: ["8080", 9090/udp, 7000]\n',
  ),
  one(
    'limits: memory, CPUs, pids, shm, ulimits, sysctls (list)',
    '    shm_size: 64m\n    mem_limit: 512m\n    memswap_limit: 1g\n    mem_reservation: 256m\n    cpus: 0.5\n    cpu_shares: 512\n    pids_limit: 100\n    ulimits:\n      nproc: 65535\n      nofile:\n        soft: 20000\n        hard: 40000\n    sysctls:\n      - net.core.somaxconn=1024\n',
  ),
  one(
    'tmpfs, devices and logging',
    '    tmpfs: ["/tmp:size=64m,mode=1777", /run]\n    devices: ["/dev/null:/dev/xnull:rwm", /dev/zero, {source: /dev/full, target: /dev/f}]\n    logging:\n      driver: json-file\n      options:\n        max-size: 1m\n        max-file: 3\n',
  ),
  one(
    'deploy.resources: limits and reservations',
    '    deploy:\n      resources:\n        limits: {cpus: "0.5", memory: 256m, pids: 50}\n        reservations: {cpus: "0.25", memory: 64m}\n',
  ),
  one(
    'deploy.resources beside replicas and the same limit by its own key',
    '    cpus: 0.5\n    deploy:\n      replicas: 2\n      resources:\n        limits: {cpus: 0.5}\n',
  ),
  {
    name: 'secrets and configs from files, short and long',
    files: {
      'docker-compose.yml':
        'services:\n  s:\n    image: img:1\n    secrets:\n      - k\n      - source: k\n        target: other\n    configs:\n      - c\n      - source: c\n        target: /etc/app.conf\nsecrets:\n  k:\n    file: ./k.txt\n  unused:\n    file: ./unused.txt\nconfigs:\n  c:\n    file: ./conf/c.txt\n',
      'k.txt': 's3cret\n',
      'unused.txt': 'x\n',
      'conf/c.txt': 'conf\n',
    },
  },
  {
    name: '--project-directory: relative paths, .env and the project name from there, -f from here',
    files: {
      'files/docker-compose.yml': 'services:\n  s:\n    image: img:${TAG}\n    volumes: [./data:/data]\n    env_file: [app.env]\n',
      'atom/.env': 'TAG=from-project-dir\n',
      'atom/app.env': 'A=1\n',
      'atom/data/.keep': '',
    },
    compose: ['files/docker-compose.yml'],
    projectDirectory: 'atom',
  },
  one('platform', '    platform: linux/amd64\n'),
  one('tmpfs as one path', '    tmpfs: /run\n'),
  one(
    'sysctls as a map, sizes in bytes, CPUs from a variable',
    '    sysctls: {net.ipv4.ip_forward: 1}\n    shm_size: 1073741824\n    cpus: ${CPUS}\n    dns: [8.8.8.8, 8.8.4.4]\n',
    {
      env: { CPUS: '1.5' },
    },
  ),
  {
    name: 'profiles: an inactive service is left out',
    files: { 'docker-compose.yml': 'services:\n  a:\n    image: a:1\n  debug:\n    image: d:1\n    profiles: [debug]\n' },
  },
  {
    name: 'profiles: COMPOSE_PROFILES activates one',
    files: { 'docker-compose.yml': 'services:\n  a:\n    image: a:1\n  debug:\n    image: d:1\n    profiles: [debug]\n' },
    env: { COMPOSE_PROFILES: 'debug' },
  },
  {
    name: 'build: a string context',
    files: { 'docker-compose.yml': 'services:\n  app:\n    build: ./app\n', 'app/Dockerfile': 'FROM scratch\n' },
  },
  {
    name: 'build: context, dockerfile, args (list and map), target, and an image name',
    files: {
      'docker-compose.yml':
        'services:\n  app:\n    image: registry.local/app:dev\n    build:\n      context: ./app\n      dockerfile: docker/Dockerfile.dev\n      args: [A=1, B]\n      target: dev\n  other:\n    build:\n      context: ./app\n      args: {C: "3"}\n',
      'app/docker/Dockerfile.dev': 'FROM scratch\n',
      'app/Dockerfile': 'FROM scratch\n',
    },
    env: { B: 'from-env' },
  },
  {
    name: 'YAML anchors and merge keys',
    files: {
      'docker-compose.yml':
        'x-common: &common\n  image: base:1\n  restart: always\n  environment: {A: "1"}\nservices:\n  a:\n    <<: *common\n  b:\n    <<: *common\n    image: other:2\n',
    },
  },
  {
    name: 'several -f files: an override merges into the base',
    files: {
      'docker-compose.yml': 'services:\n  s:\n    image: base:1\n    ports: ["80:80"]\n    environment: [A=1, B=1]\n    labels: {x: "1"}\n',
      'override.yml':
        'services:\n  s:\n    image: over:2\n    ports: ["443:443"]\n    environment: {B: "2", C: "3"}\n    labels: {y: "2"}\n',
    },
    compose: ['docker-compose.yml', 'override.yml'],
  },
  {
    name: 'extends: a service of the same file, chained, its keys merged under the own ones',
    files: {
      'docker-compose.yml': `services:
  base:
    image: img:1
    environment: {A: "1", B: "2"}
    labels: [x=1]
    ports: ["8080:80"]
    command: ["sleep", "1"]
    healthcheck: {test: ["CMD", "true"], interval: 5s, retries: 2}
  mid:
    extends: base
    environment: {B: "3"}
    volumes: ["./data:/data"]
    healthcheck: {retries: 4}
  s:
    extends: {service: mid}
    image: img:2
    command: ["sleep", "2"]
    ports: ["9090:90"]
    labels: {y: "2"}
`,
    },
  },
  {
    name: 'extends: a service of another file in a subfolder, its relative paths from there',
    files: {
      'docker-compose.yml': `services:
  s:
    extends:
      file: common/base.yml
      service: web
    environment: {OWN: "yes"}
    volumes: ["./here:/here"]
`,
      'common/base.yml': `services:
  web:
    build: ./app
    env_file: ./web.env
    volumes: ["./static:/static", {type: bind, source: ./conf, target: /conf}]
    working_dir: /srv
  other:
    image: not-used:1
`,
      'common/app/Dockerfile': 'FROM scratch\n',
      'common/web.env': 'FROM_ENV_FILE=1\n',
    },
  },
  {
    name: "include: another project's file, its paths from its folder and its own .env",
    files: {
      'docker-compose.yml': `include:
  - sub/compose.yml
services:
  s:
    image: img:1
    depends_on: [db]
`,
      'sub/compose.yml': `services:
  db:
    image: db:\${DB_TAG}
    volumes: ["./initdb:/docker-entrypoint-initdb.d", "dbdata:/var/lib/db"]
    env_file: ./db.env
volumes:
  dbdata:
`,
      'sub/.env': 'DB_TAG=16\n',
      'sub/db.env': 'FROM_DB_ENV=1\n',
    },
  },
  {
    name: 'include: the long form, several files merged, an env_file for its variables',
    files: {
      'docker-compose.yml': `include:
  - path: [lib/base.yml, lib/override.yml]
    env_file: lib/vars.env
services:
  s:
    image: img:1
`,
      'lib/base.yml': 'services:\n  cache:\n    image: cache:${CACHE_TAG}\n    ports: ["6380:6379"]\n',
      'lib/override.yml': 'services:\n  cache:\n    environment: {MODE: fast}\n',
      'lib/vars.env': 'CACHE_TAG=8\n',
    },
  },
  { name: 'top-level name', files: { 'docker-compose.yml': 'name: chosen-name\nservices:\n  s:\n    image: i:1\n' } },
  {
    name: 'COMPOSE_PROJECT_NAME from .env',
    files: { 'docker-compose.yml': 'services:\n  s:\n    image: i:1\n', '.env': 'COMPOSE_PROJECT_NAME=from-dotenv\n' },
  },
  one('the obsolete version key', '', { files: { 'docker-compose.yml': 'version: "3.8"\nservices:\n  s:\n    image: i:1\n' } }),
];
