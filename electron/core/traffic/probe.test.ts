import { describe, expect, it } from 'vitest';
import { clientAddresses } from './probe';

describe('clientAddresses', () => {
  it('reads the distinct client IPs of a CLIENT LIST reply', () => {
    const reply = [
      'id=3 addr=172.18.0.3:41236 laddr=172.18.0.2:6379 fd=8 name= age=12 idle=0 flags=P db=0 sub=0 psub=1 cmd=psubscribe',
      'id=4 addr=172.18.0.3:41240 laddr=172.18.0.2:6379 fd=9 name= age=3 idle=0 flags=N db=0 cmd=publish',
      'id=5 addr=[::1]:50000 laddr=[::1]:6379 fd=10 name=probe cmd=client|list',
      'id=6 addr=10.0.0.7:6000 fd=11',
      '',
    ].join('\n');
    expect(clientAddresses(reply)).toEqual(['172.18.0.3', '::1', '10.0.0.7']);
    expect(clientAddresses('')).toEqual([]);
  });
});
