import { describe, expect, it } from 'vitest';
import { nodeOptionsOf, parseValkeyUrl } from './url';

describe('parseValkeyUrl', () => {
  it('reads one node, with credentials and TLS', () => {
    expect(parseValkeyUrl('redis://127.0.0.1:6380')).toMatchObject({
      kind: 'node',
      tls: false,
      endpoints: [{ host: '127.0.0.1', port: 6380 }],
    });
    expect(parseValkeyUrl('rediss://app:s%40cret@valkey.example:6390/2')).toMatchObject({
      kind: 'node',
      tls: true,
      username: 'app',
      password: 's@cret',
      endpoints: [{ host: 'valkey.example', port: 6390 }],
    });
    expect(parseValkeyUrl('redis://[::1]').endpoints).toEqual([{ host: '::1', port: 6379 }]);
  });

  it('reads a cluster by its seed nodes, and Sentinel by its sentinels and master name', () => {
    expect(parseValkeyUrl('redis+cluster://127.0.0.1:7000,127.0.0.1:7001')).toMatchObject({
      kind: 'cluster',
      endpoints: [
        { host: '127.0.0.1', port: 7000 },
        { host: '127.0.0.1', port: 7001 },
      ],
    });
    const s = parseValkeyUrl('redis+sentinel://:pw@10.0.0.1,10.0.0.2:26380/mymaster');
    expect(s).toMatchObject({ kind: 'sentinel', name: 'mymaster', password: 'pw' });
    expect(s.endpoints).toEqual([
      { host: '10.0.0.1', port: 26379 },
      { host: '10.0.0.2', port: 26380 },
    ]);
    expect(nodeOptionsOf(s)).toMatchObject({ sentinels: s.endpoints, name: 'mymaster', password: 'pw' });
  });

  it('says what is wrong with a URL it cannot use', () => {
    expect(() => parseValkeyUrl('http://x')).toThrow(
      /scheme must be redis:\/\/, rediss:\/\/, redis\+cluster:\/\/ or redis\+sentinel:\/\/, not http:\/\//,
    );
    expect(() => parseValkeyUrl('redis://a:1,b:2')).toThrow(/several hosts name a cluster/);
    expect(() => parseValkeyUrl('redis+sentinel://a:26379')).toThrow(/ends with the master's name/);
    expect(() => parseValkeyUrl('redis://valkey:99999')).toThrow(/port '99999' is not 1-65535/);
    expect(() => parseValkeyUrl('redis://')).toThrow(/no host/);
    expect(() => parseValkeyUrl('valkey')).toThrow(/expected redis:\/\/HOST:PORT/);
  });
});
