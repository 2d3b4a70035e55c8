// A healthcheck's output as a person needs it: the end first, where a traceback says
// what went wrong, and the whole of it on demand.

/** Lines shown before "Show all". */
export const HEALTH_TAIL_LINES = 4;

export function outputTail(output: string, lines = HEALTH_TAIL_LINES): { tail: string; hidden: number } {
  const all = output.trimEnd().split('\n');
  const shown = all.slice(-lines);
  return { tail: shown.join('\n'), hidden: all.length - shown.length };
}
