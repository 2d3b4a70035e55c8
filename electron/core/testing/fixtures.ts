// The locally built fixture images (scripts/fixtures.sh), as the global setup exported them.

export interface FixtureEnv {
  VALKEY_IMAGE: string;
  ATOM_BACKEND_IMAGE: string;
}

export const FIXTURE_KEYS = ['VALKEY_IMAGE', 'ATOM_BACKEND_IMAGE'] as const;

export function fixtureEnv(env: NodeJS.ProcessEnv = process.env): FixtureEnv {
  const missing = FIXTURE_KEYS.filter((key) => !env[key]);
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(' and ')} not set: run the integration project (its global setup builds the fixtures) or eval "$(bash scripts/fixtures.sh)"`,
    );
  }
  return { VALKEY_IMAGE: env.VALKEY_IMAGE as string, ATOM_BACKEND_IMAGE: env.ATOM_BACKEND_IMAGE as string };
}

/** Parses fixtures.sh stdout: exactly KEY=value lines for both images. */
export function parseFixtureOutput(stdout: string): FixtureEnv {
  const found: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const m = /^([A-Z_]+)=(\S+)$/.exec(line.trim());
    if (m && m[1] && m[2]) found[m[1]] = m[2];
  }
  return fixtureEnv(found);
}
