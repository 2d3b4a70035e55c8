// app://atom/ serves renderer/dist from disk: a real origin (so CSP 'self' and the
// sender check mean something) without file:// and its broad privileges.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import { mimeFor } from '../core/server/mime';
import { APP_HOST, APP_SCHEME, CSP } from './security';

// Re-exported: the app:// protocol's callers and tests know it from here.
export { mimeFor };

/** Must run before app 'ready': makes app:// a standard, secure origin. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/**
 * The file under `root` that an app:// URL names, or null when the URL is for another
 * host or escapes `root` (../, encoded separators, absolute paths). '/' is index.html.
 */
export function resolveAppPath(url: string, root: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname.split('/').includes('..')) return null;
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const base = path.resolve(root);
  const file = path.resolve(base, relative);
  if (file !== base && !file.startsWith(base + path.sep)) return null;
  return file;
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** Answers one app:// request: the file with its MIME type and the CSP, or 403/404. */
export async function serveAppRequest(url: string, root: string): Promise<Response> {
  const file = resolveAppPath(url, root);
  if (!file) return new Response('Forbidden', { status: 403, headers: SECURITY_HEADERS });
  try {
    const body = await readFile(file);
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': mimeFor(file) },
    });
  } catch {
    return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
  }
}

/** Binds app:// on a session's protocol (after 'ready'). */
export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, root: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request.url, root));
}
