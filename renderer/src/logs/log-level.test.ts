import { describe, expect, it } from 'vitest';
import { detectLevel, jsonFields, orderedFields } from './log-level';

describe('log levels', () => {
  it.each([
    ['{"level":"error","msg":"db down"}', 'error'],
    ['{"severity":"WARNING","message":"slow"}', 'warn'],
    ['{"level":30,"msg":"pino info"}', 'info'],
    ['{"level":50,"msg":"pino error"}', 'error'],
    ['time=2026-12-01T10:00:00Z level=warn msg="disk 91%"', 'warn'],
    ['INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)', 'info'],
    ['ERROR:    Exception in ASGI application', 'error'],
    ['WARNING:root:retrying the Valkey connection', 'warn'],
    ['2026-12-01 10:00:00,123 DEBUG agent loop tick', 'debug'],
    ['[ERROR] failed to publish', 'error'],
    ['1:M 01 Dec 2026 14:00:00.000 * Ready to accept connections tcp', 'info'],
    ['1:M 01 Dec 2026 14:00:00.000 # WARNING Memory overcommit must be enabled!', 'warn'],
    ['Traceback (most recent call last):', 'error'],
    ['ConnectionError: backend not listening', 'error'],
    ['just a line about information retrieval', null],
    ['{"msg":"json without a level"}', null],
  ])('%s -> %s', (text, level) => {
    expect(detectLevel(text)).toBe(level);
  });

  it('reads JSON lines as fields, message first; other text is not JSON', () => {
    const f = jsonFields('  {"user":"alice","msg":"login","level":"info","n":3,"ctx":{"a":1}}  ');
    expect(orderedFields(f!)).toEqual([
      ['level', 'info'],
      ['msg', 'login'],
      ['user', 'alice'],
      ['n', '3'],
      ['ctx', '{"a":1}'],
    ]);
    expect(jsonFields('{not json}')).toBeNull();
    expect(jsonFields('[1,2]')).toBeNull();
    expect(jsonFields('plain')).toBeNull();
  });
});
