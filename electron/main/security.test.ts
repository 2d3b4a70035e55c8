import { describe, expect, it, vi } from 'vitest';
import { StubSession, StubWebContents } from './testing/electron-stub';
import { CSP, denyAllPermissions, devCsp, devOrigin, externalLinkTarget, guardNavigation, installCsp, isTrustedUrl } from './security';

describe('externalLinkTarget', () => {
  const ports = [8000, 6379];
  it.each([
    ['http://127.0.0.1:8000/docs', 'http://127.0.0.1:8000/docs'],
    ['http://localhost:8000/', 'http://localhost:8000/'],
    ['https://[::1]:6379/x', 'https://[::1]:6379/x'],
  ])('opens %s', (url, expected) => {
    expect(externalLinkTarget(url, ports)).toBe(expected);
  });
  it.each([
    'http://127.0.0.1:9999/', // port the stack does not publish
    'http://example.com:8000/', // not local
    'http://127.0.0.1.evil.com:8000/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'http://user:pw@127.0.0.1:8000/',
    'http://127.0.0.1/', // port 80 not published
    'not a url',
  ])('refuses %s', (url) => {
    expect(externalLinkTarget(url, ports)).toBeNull();
  });
});

describe('isTrustedUrl', () => {
  it('trusts our app origin and the dev origin only', () => {
    const dev = devOrigin('http://localhost:5173/');
    expect(dev).toBe('http://localhost:5173');
    expect(isTrustedUrl('app://atom/index.html', null)).toBe(true);
    expect(isTrustedUrl('app://other/index.html', null)).toBe(false);
    expect(isTrustedUrl('http://localhost:5173/', null)).toBe(false);
    expect(isTrustedUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isTrustedUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedUrl('file:///index.html', dev)).toBe(false);
    expect(isTrustedUrl('', dev)).toBe(false);
    expect(devOrigin('file:///x')).toBeNull();
  });
});

describe('session hardening', () => {
  it('sets the strict CSP on every response, replacing any other', () => {
    const s = new StubSession();
    installCsp(s as never);
    const callback = vi.fn();
    s.headersReceived!({ responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] } }, callback);
    const headers = callback.mock.calls[0]![0].responseHeaders as Record<string, string[]>;
    expect(headers['Content-Security-Policy']).toEqual([CSP]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['X-Other']).toEqual(['1']);
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).toContain("object-src 'none'");
    expect(CSP).toContain("frame-ancestors 'none'");
  });

  it('relaxes scripts and connections for the dev server only', () => {
    const dev = devCsp('http://127.0.0.1:5173');
    expect(dev).toContain("script-src 'self' 'unsafe-inline'");
    expect(dev).toContain("connect-src 'self' ws://127.0.0.1:5173");
    expect(dev).toContain("object-src 'none'");
    expect(CSP).toMatch(/script-src 'self';/);
  });

  it('denies every permission request and check', () => {
    const s = new StubSession();
    denyAllPermissions(s as never);
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const cb = vi.fn();
      s.permissionRequestHandler!({}, permission, cb, {});
      expect(cb).toHaveBeenCalledWith(false);
      expect(s.permissionCheckHandler!({}, permission, 'app://atom', {})).toBe(false);
    }
  });
});

describe('guardNavigation', () => {
  const setup = () => {
    const wc = new StubWebContents();
    const opened: string[] = [];
    guardNavigation(wc as never, {
      trustedDevOrigin: null,
      publishedPorts: () => [8000],
      openExternal: async (url) => void opened.push(url),
    });
    const navigate = (url: string) => {
      const event = { url, preventDefault: vi.fn() };
      wc.fire('will-navigate', event);
      return event.preventDefault.mock.calls.length > 0;
    };
    return { wc, opened, navigate };
  };

  it('lets the page navigate within app://atom only', () => {
    const { navigate, opened } = setup();
    expect(navigate('app://atom/index.html#/logs')).toBe(false);
    expect(navigate('https://example.com/')).toBe(true);
    expect(navigate('http://127.0.0.1:8000/')).toBe(true); // prevented, opened outside instead
    expect(opened).toEqual(['http://127.0.0.1:8000/']);
  });

  it('denies every new window; only validated localhost links open externally', () => {
    const { wc, opened } = setup();
    for (const url of ['http://127.0.0.1:8000/health', 'https://example.com/', 'http://127.0.0.1:1234/', 'app://atom/index.html']) {
      expect(wc.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['http://127.0.0.1:8000/health']);
  });

  it('refuses webviews and redirects off our origin', () => {
    const { wc } = setup();
    const attach = { preventDefault: vi.fn() };
    wc.fire('will-attach-webview', attach);
    expect(attach.preventDefault).toHaveBeenCalled();
    const redirect = { url: 'https://evil.example/', preventDefault: vi.fn() };
    wc.fire('will-redirect', redirect);
    expect(redirect.preventDefault).toHaveBeenCalled();
  });
});
