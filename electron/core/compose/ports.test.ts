import { describe, expect, it } from 'vitest';
import { parseLongPort, parseShortPort, PortError } from './ports';

const p = (target: number, published: string | null, hostIp: string | null = null, protocol = 'tcp') => ({
  target,
  published,
  hostIp,
  protocol,
});

describe('ports', () => {
  it.each([
    [6379, [p(6379, null)]],
    ['6379', [p(6379, null)]],
    ['8080:80', [p(80, '8080')]],
    ['127.0.0.1:8080:80', [p(80, '8080', '127.0.0.1')]],
    ['127.0.0.1::80', [p(80, null, '127.0.0.1')]],
    ['[::1]:8080:80', [p(80, '8080', '::1')]],
    ['53:53/udp', [p(53, '53', null, 'udp')]],
    ['8000-8001:80-81', [p(80, '8000'), p(81, '8001')]],
    ['80-81', [p(80, null), p(81, null)]],
    ['9000-9010:80', [p(80, '9000-9010')]],
  ])('short %j', (spec, want) => {
    expect(parseShortPort(spec)).toEqual(want);
  });

  it.each([
    ['8080:80/xyz', 'invalid protocol'],
    ['70000:80', 'out of range'],
    ['a:80', 'invalid host port'],
    ['1:2:3:4', 'invalid port mapping'],
    ['8000-8002:80-81', 'ranges differ in size'],
  ])('short %j fails: %s', (spec, msg) => {
    expect(() => parseShortPort(spec)).toThrow(PortError);
    expect(() => parseShortPort(spec)).toThrow(msg);
  });

  it.each([
    [{ target: 80 }, [p(80, null)]],
    [{ target: 80, published: 8080, host_ip: '0.0.0.0', protocol: 'udp' }, [p(80, '8080', '0.0.0.0', 'udp')]],
    [{ target: '80', published: '8080' }, [p(80, '8080')]],
  ])('long %j', (entry, want) => {
    expect(parseLongPort(entry)).toEqual(want);
  });
});
