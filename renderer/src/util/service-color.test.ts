import { describe, expect, it } from 'vitest';
import { serviceColor } from './service-color';

describe('service colours', () => {
  it('are stable per name, differ for the stack services, and carry a shade per scheme', () => {
    expect(serviceColor('valkey')).toBe(serviceColor('valkey'));
    expect(serviceColor('valkey')).not.toBe(serviceColor('atom-backend'));
    expect(serviceColor('valkey')).toMatch(/^light-dark\(#[0-9a-f]{6}, #[0-9a-f]{6}\)$/);
  });
});
