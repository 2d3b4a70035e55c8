import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from './channels';
import { commandSchemas } from './contract';

describe('contract', () => {
  it('has exactly one schema per command name, in allow-list order', () => {
    expect(Object.keys(commandSchemas)).toEqual([...COMMAND_NAMES]);
    expect(new Set(COMMAND_NAMES).size).toBe(COMMAND_NAMES.length);
  });
});
