// Valkey URLs accepted by the monitor, publisher and probe: checked up front so a typo
// gives a clear error instead of a silent reconnect loop.

export function checkRedisUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`invalid Valkey URL '${url}': expected redis://HOST:PORT`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new Error(`invalid Valkey URL '${url}': scheme must be redis:// or rediss://, not ${parsed.protocol}//`);
  }
  if (!parsed.hostname) throw new Error(`invalid Valkey URL '${url}': no host`);
  return parsed;
}
