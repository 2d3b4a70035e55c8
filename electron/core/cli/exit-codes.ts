// The one table of `atom-desktop` exit codes, so scripts can branch on them. The same
// failure exits with the same code from every command (a bad compose file is 2 from
// `config` and from `up` alike). README "Exit codes" prints this table.
export const EXIT = {
  /** The command did what it was asked. */
  ok: 0,
  /** The operation ran and failed: a service did not become healthy, a port was taken, Valkey refused. */
  failed: 1,
  /** The request itself is wrong: a bad flag, an unknown service, a compose file that does not load. */
  usage: 2,
  /** The container engine cannot be reached. */
  engine: 3,
  /** Interrupted by the user (Ctrl-C) after what was started was rolled back. */
  cancelled: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
