// Where a remote engine runs: ports its containers publish are on that host, not here,
// and the dashboard names it (Start acts on that machine).

const LOOPBACK = /^(localhost|127(\.\d+){3}|\[?::1\]?)$/i;

/** The host of a tcp:// or ssh:// engine endpoint; null for a local one (unix socket, named pipe, loopback). */
export function remoteHostOf(endpoint: string | null | undefined): string | null {
  if (!endpoint || !/^(tcp|ssh|https?):\/\//.test(endpoint)) return null;
  try {
    const host = new URL(endpoint.replace(/^tcp:/, 'http:')).hostname.replace(/^\[|\]$/g, '');
    return host && !LOOPBACK.test(host) ? host : null;
  } catch {
    return null;
  }
}

export const isLoopback = (ip: string): boolean => LOOPBACK.test(ip);
