import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { MountError, parseLongMount, parseShortMount } from './mounts';

const dir = '/proj';

describe('mounts', () => {
  it.each([
    ['/data', { type: 'volume', source: null, target: '/data', readOnly: false, volumeOptions: true }],
    ['data:/data', { type: 'volume', source: 'data', target: '/data', readOnly: false, volumeOptions: true }],
    ['data:/data:ro', { type: 'volume', source: 'data', target: '/data', readOnly: true, volumeOptions: true }],
    ['./conf:/etc/conf:ro', { type: 'bind', source: '/proj/conf', target: '/etc/conf', readOnly: true, createHostPath: true }],
    ['../up:/up', { type: 'bind', source: '/up', target: '/up', readOnly: false, createHostPath: true }],
    ['/abs:/abs:rw', { type: 'bind', source: '/abs', target: '/abs', readOnly: false, createHostPath: true }],
    ['~/x:/x', { type: 'bind', source: `${homedir()}/x`, target: '/x', readOnly: false, createHostPath: true }],
  ])('short %j', (spec, want) => {
    expect(parseShortMount(spec, dir)).toEqual(want);
  });

  it.each([['a:/b:bogus'], ['a:b:c:d'], [':/x']])('short %j is rejected', (spec) => {
    expect(() => parseShortMount(spec, dir)).toThrow(MountError);
  });

  it.each([
    [
      { type: 'bind', source: './d', target: '/d', read_only: true },
      { type: 'bind', source: '/proj/d', target: '/d', readOnly: true, createHostPath: false },
    ],
    [
      { type: 'bind', source: './d', target: '/d', bind: { create_host_path: true } },
      { type: 'bind', source: '/proj/d', target: '/d', readOnly: false, createHostPath: true },
    ],
    [
      { type: 'volume', source: 'v', target: '/v' },
      { type: 'volume', source: 'v', target: '/v', readOnly: false },
    ],
    [
      { type: 'tmpfs', target: '/t' },
      { type: 'tmpfs', source: null, target: '/t', readOnly: false },
    ],
  ])('long %j', (entry, want) => {
    expect(parseLongMount(entry, dir)).toEqual(want);
  });

  it('rejects unsupported long types', () => {
    expect(() => parseLongMount({ type: 'npipe', source: 'x', target: '/x' }, dir)).toThrow('not supported');
  });
});
