import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { handleAppProtocol, mimeFor, registerAppScheme, resolveAppPath, serveAppRequest } from './protocol';
import { CSP } from './security';
import { StubSession, protocol } from './testing/electron-stub';

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'atom-renderer-'));
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Atom</title>');
  writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'app.css'), 'body{}');
  writeFileSync(path.join(path.dirname(root), 'secret.txt'), 'secret');
});

describe('resolveAppPath', () => {
  it('maps app://atom paths under the root, / to index.html', () => {
    expect(resolveAppPath('app://atom/', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath('app://atom/assets/app.js?v=1#x', root)).toBe(path.join(root, 'assets', 'app.js'));
  });
  it.each(['app://atom/../secret.txt', 'app://atom/%2e%2e/secret.txt', 'app://atom/assets/%2E%2E/%2E%2E/secret.txt'])(
    'keeps %s inside the root (the URL parser folds the dots)',
    (url) => {
      const file = resolveAppPath(url, root);
      expect(file).toBe(path.join(root, 'secret.txt'));
    },
  );
  it.each([
    'app://atom/..%2fsecret.txt',
    'app://atom/assets/..%2f..%2fsecret.txt',
    'app://atom/..%5csecret.txt',
    'app://atom/a%00b',
    'app://atom/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(url, root)).toBeNull();
  });
});

describe('serveAppRequest', () => {
  it('serves files with their MIME type and the CSP', async () => {
    const html = await serveAppRequest('app://atom/index.html', root);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-security-policy')).toBe(CSP);
    expect(await html.text()).toContain('<title>Atom</title>');
    const js = await serveAppRequest('app://atom/assets/app.js', root);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await serveAppRequest('app://atom/assets/app.css', root)).headers.get('content-type')).toBe('text/css; charset=utf-8');
  });
  it('answers 403 to traversal and 404 to missing files, never the outside file', async () => {
    expect((await serveAppRequest('app://atom/..%2fsecret.txt', root)).status).toBe(403);
    const folded = await serveAppRequest('app://atom/%2e%2e/secret.txt', root);
    expect(folded.status).toBe(404);
    expect(await folded.text()).not.toContain('secret');
    expect((await serveAppRequest('app://atom/nope.js', root)).status).toBe(404);
  });
  it('knows the common MIME types', () => {
    expect(mimeFor('a.svg')).toBe('image/svg+xml');
    expect(mimeFor('a.woff2')).toBe('font/woff2');
    expect(mimeFor('a.unknown')).toBe('application/octet-stream');
  });
});

describe('scheme registration', () => {
  it('registers app:// as a standard secure scheme and handles it', async () => {
    registerAppScheme(protocol as never);
    expect(protocol.privileged).toContainEqual({ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } });
    const s = new StubSession();
    handleAppProtocol(s.protocol as never, root);
    const handler = s.protocol.handlers.get('app')!;
    const res = (await handler({ url: 'app://atom/index.html' })) as Response;
    expect(res.status).toBe(200);
  });
});
