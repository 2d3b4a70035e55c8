// What a log line says about itself: its level, from the formats the stack's services
// write (JSON logs, logfmt, Python logging and uvicorn, bracketed tags, Valkey's own
// markers), and its fields when it is a JSON object. Pure, so the view stays simple.

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

const WORD: Record<string, LogLevel> = {
  fatal: 'error',
  panic: 'error',
  critical: 'error',
  crit: 'error',
  error: 'error',
  err: 'error',
  alert: 'error',
  emerg: 'error',
  warning: 'warn',
  warn: 'warn',
  notice: 'info',
  info: 'info',
  information: 'info',
  debug: 'debug',
  trace: 'debug',
  verbose: 'debug',
};

const levelOfWord = (w: unknown): LogLevel | null => (typeof w === 'string' ? (WORD[w.toLowerCase()] ?? null) : null);

// Numeric levels of pino/bunyan (10 trace … 60 fatal).
const levelOfNumber = (n: number): LogLevel => (n >= 50 ? 'error' : n >= 40 ? 'warn' : n >= 30 ? 'info' : 'debug');

const JSON_LEVEL_KEYS = ['level', 'severity', 'lvl', 'levelname', 'log.level', 'loglevel'];

/** A line that is one JSON object: its fields, else null. */
export function jsonFields(text: string): Record<string, unknown> | null {
  const t = text.trim();
  if (t.length < 2 || t[0] !== '{' || t[t.length - 1] !== '}') return null;
  try {
    const v = JSON.parse(t) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

// logfmt level=warn; Python/uvicorn "ERROR:" or "INFO:     "; [ERROR] or <warn>; "E/" style not guessed.
const LOGFMT = /(?:^|\s)(?:level|lvl|severity)=["']?([a-z]+)/i;
const PREFIX = /^(?:\S+\s+){0,3}?\[?(FATAL|PANIC|CRITICAL|CRIT|ERROR|ERR|WARNING|WARN|NOTICE|INFO|DEBUG|TRACE)\]?(?::|\s|\])/;
// Valkey/Redis: "1:M 01 Dec 2026 14:00:00.000 # message" (. debug, - verbose, * notice, # warning).
const VALKEY = /^\d+:[CMSX] \d{2} \w{3} \d{4} [\d:.]+ ([.\-*#]) /;
const VALKEY_LEVEL: Record<string, LogLevel> = { '.': 'debug', '-': 'debug', '*': 'info', '#': 'warn' };
const TRACEBACK = /^(Traceback \(most recent call last\)|\w+(Error|Exception): )/;

export function detectLevel(text: string, fields: Record<string, unknown> | null = jsonFields(text)): LogLevel | null {
  if (fields) {
    for (const k of JSON_LEVEL_KEYS) {
      const v = fields[k];
      if (typeof v === 'number') return levelOfNumber(v);
      const l = levelOfWord(v);
      if (l) return l;
    }
    return null;
  }
  const v = VALKEY.exec(text);
  if (v) return VALKEY_LEVEL[v[1]!] ?? null;
  const lf = LOGFMT.exec(text);
  if (lf) return levelOfWord(lf[1]);
  const p = PREFIX.exec(text);
  if (p) return levelOfWord(p[1]);
  if (TRACEBACK.test(text)) return 'error';
  return null;
}

/** Fields in reading order: level, time and message first, the rest as they came. */
export function orderedFields(fields: Record<string, unknown>): [string, string][] {
  const first = ['level', 'severity', 'time', 'timestamp', 'ts', 'msg', 'message'];
  const keys = [...first.filter((k) => k in fields), ...Object.keys(fields).filter((k) => !first.includes(k))];
  return keys.map((k) => {
    const v = fields[k];
    return [k, typeof v === 'string' ? v : JSON.stringify(v)];
  });
}
