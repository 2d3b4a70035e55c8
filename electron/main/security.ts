// The page is untrusted by default: strict CSP, no permissions, no navigation away from
// our own origin, no new windows. The only way out is a link to a port the stack
// publishes on localhost, which opens in the user's browser after validation.
import type { Session, WebContents } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'atom';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

// One literal (not built at run time) so scanners such as Electronegativity can read it.
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * Development only (unpackaged, ATOM_DEV_URL set): Vite's React refresh preamble is an
 * inline script and its HMR runs over a WebSocket to the dev server.
 */
export function devCsp(trustedDevOrigin: string): string {
  const ws = trustedDevOrigin.replace(/^http/, 'ws');
  return CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", `connect-src 'self' ${ws}`);
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Origin of the dev server URL, or null when it is absent or not http(s). */
export function devOrigin(devUrl: string | null | undefined): string | null {
  if (!devUrl) return null;
  try {
    const u = new URL(devUrl);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

/** True when `url` belongs to our renderer: app://atom/... or the dev server's origin. */
export function isTrustedUrl(url: string | null | undefined, trustedDevOrigin: string | null): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
  return trustedDevOrigin !== null && parsed.origin === trustedDevOrigin;
}

/**
 * The URL to hand to the OS browser, or null to refuse: only http(s) to localhost on a
 * port the stack publishes, without credentials.
 */
export function externalLinkTarget(url: string, publishedPorts: readonly number[]): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  if (!LOCAL_HOSTS.has(u.hostname)) return null;
  if (u.username || u.password) return null;
  const port = u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80;
  if (!publishedPorts.includes(port)) return null;
  return u.href;
}

/** CSP on every response (the protocol handler sets it too: belt and braces). */
export function installCsp(session: Pick<Session, 'webRequest'>, policy: string = CSP): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...(details.responseHeaders ?? {}) };
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() === 'content-security-policy') delete headers[key];
    }
    headers['Content-Security-Policy'] = [policy];
    callback({ responseHeaders: headers });
  });
}

/** No camera, notifications-from-page, geolocation, clipboard... nothing is granted. */
export function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export interface NavigationGuardOptions {
  trustedDevOrigin: string | null;
  publishedPorts: () => number[];
  openExternal: (url: string) => Promise<void>;
}

/** Navigation stays on our origin; window.open and target=_blank never create windows. */
export function guardNavigation(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>, opts: NavigationGuardOptions): void {
  const openIfAllowed = (url: string): void => {
    const target = externalLinkTarget(url, opts.publishedPorts());
    if (target) opts.openExternal(target).catch(() => undefined);
  };
  contents.on('will-navigate', (event) => {
    if (isTrustedUrl(event.url, opts.trustedDevOrigin)) return;
    event.preventDefault();
    openIfAllowed(event.url);
  });
  contents.on('will-redirect', (event) => {
    if (!isTrustedUrl(event.url, opts.trustedDevOrigin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openIfAllowed(url);
    return { action: 'deny' };
  });
}
