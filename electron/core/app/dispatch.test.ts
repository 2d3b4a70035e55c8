import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../../shared/contract';
import type { CommandHandlers } from './dispatch';
import { AppError } from '../../../shared/result';
import { dispatchCommand, dispatchUntrusted, toErrorResult } from './dispatch';

const handlers = Object.fromEntries(
  COMMAND_NAMES.map((n) => [n, async (input: unknown) => ({ echoed: n, input })]),
) as unknown as CommandHandlers;

describe('dispatchCommand', () => {
  it('rejects unknown commands', async () => {
    const r = await dispatchUntrusted(handlers, 'fs.readFile', {});
    expect(r).toEqual({ ok: false, error: { code: 'UNKNOWN_COMMAND', message: "Unknown command 'fs.readFile'" } });
  });

  it('rejects arguments that fail the schema, naming the key', async () => {
    const r = await dispatchUntrusted(handlers, 'service.start', { service: 42 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('BAD_REQUEST');
      expect(r.error.message).toContain("'service'");
    }
  });

  it('rejects a traffic.range that is empty or longer than one answer carries', async () => {
    for (const input of [
      { from: 10, to: 10 },
      { from: 0, to: 100_000 },
    ]) {
      const r = await dispatchUntrusted(handlers, 'traffic.range', input);
      expect(r).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      if (!r.ok) expect(r.error.message).toContain('to must be above from, by at most 500');
    }
    expect(await dispatchUntrusted(handlers, 'traffic.range', { from: 0, to: 500 })).toMatchObject({ ok: true });
  });

  it('rejects extra keys (strict schemas)', async () => {
    const r = await dispatchUntrusted(handlers, 'stack.up', { evil: true });
    expect(r.ok).toBe(false);
  });

  it('passes validated input to the handler', async () => {
    const r = await dispatchCommand(handlers, 'service.restart', { service: 'valkey' });
    expect(r).toEqual({ ok: true, value: { echoed: 'service.restart', input: { service: 'valkey' } } });
  });

  it('maps AppError to its code and other throws to INTERNAL', async () => {
    const failing = {
      ...handlers,
      'stack.up': async () => {
        throw new AppError('PORT_IN_USE', 'port 6379 is in use', { port: 6379 });
      },
    } as CommandHandlers;
    expect(await dispatchCommand(failing, 'stack.up', {})).toEqual({
      ok: false,
      error: { code: 'PORT_IN_USE', message: 'port 6379 is in use', details: { port: 6379 } },
    });
    expect(toErrorResult(new TypeError('boom'))).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'boom' } });
  });
});
