import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, hostAllowed, isLoopbackHost, newToken, originAllowed, tokenMatches } from './security';

describe('server security', () => {
  it('tokens are random, url-safe and compared exactly', () => {
    const t = newToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(newToken()).not.toBe(t);
    expect(tokenMatches(t, t)).toBe(true);
    expect(tokenMatches(t, `${t}x`)).toBe(false);
    expect(tokenMatches(t, t.slice(0, -1))).toBe(false);
    expect(tokenMatches(t, `${t.slice(0, -1)}${t.endsWith('A') ? 'B' : 'A'}`)).toBe(false);
    expect(tokenMatches(t, '')).toBe(false);
    expect(tokenMatches(t, null)).toBe(false);
    expect(tokenMatches(t, undefined)).toBe(false);
  });

  it('only loopback names are loopback', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['0.0.0.0', '10.0.0.1', '127.0.0.1.evil.example', 'localhost.evil.example', 'example.com', ''])
      expect(isLoopbackHost(h), h).toBe(false);
  });

  it('Host must name this server: loopback and this very port (DNS rebinding)', () => {
    expect(hostAllowed('127.0.0.1:8123', 8123)).toBe(true);
    expect(hostAllowed('localhost:8123', 8123)).toBe(true);
    expect(hostAllowed('[::1]:8123', 8123)).toBe(true);
    expect(hostAllowed('localhost', 80)).toBe(true);
    expect(hostAllowed('127.0.0.1:8124', 8123)).toBe(false);
    expect(hostAllowed('localhost', 8123)).toBe(false);
    expect(hostAllowed('evil.example:8123', 8123)).toBe(false);
    expect(hostAllowed(undefined, 8123)).toBe(false);
    expect(hostAllowed('127.0.0.1:8123:9', 8123)).toBe(false);
  });

  it('Origin must be this server over http; no Origin is a non-browser client', () => {
    expect(originAllowed(undefined, 8123)).toBe(true);
    expect(originAllowed('http://127.0.0.1:8123', 8123)).toBe(true);
    expect(originAllowed('http://localhost:8123', 8123)).toBe(true);
    expect(originAllowed('http://127.0.0.1:8124', 8123)).toBe(false);
    expect(originAllowed('http://localhost', 8123)).toBe(false);
    expect(originAllowed('https://127.0.0.1:8123', 8123)).toBe(false);
    expect(originAllowed('http://evil.example:8123', 8123)).toBe(false);
    expect(originAllowed('null', 8123)).toBe(false);
  });

  it('the CSP allows scripts and sockets only from this server', () => {
    const csp = contentSecurityPolicy(8123);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain('connect-src ' + "'self' ws://127.0.0.1:8123 ws://localhost:8123");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-eval|\*/);
  });
});
