import { describe, expect, it } from 'vitest';
import { requiredVariables } from './required-vars';

describe('requiredVariables', () => {
  it('lists ${VAR:?msg} and ${VAR?msg} once each, in order, skipping $$ and defaults', () => {
    const text = [
      '- SECRET_KEY=${SECRET_KEY:?SECRET_KEY must be set in .env}',
      '- TOKEN=${TOKEN?needs a token}',
      '- AGAIN=${SECRET_KEY:?another message}',
      '- LITERAL=$${NOT_ME:?no}',
      '- OPTIONAL=${OPTIONAL:-}',
    ].join('\n');
    expect(requiredVariables(text)).toEqual([
      { name: 'SECRET_KEY', message: 'SECRET_KEY must be set in .env', emptyIsMissing: true },
      { name: 'TOKEN', message: 'needs a token', emptyIsMissing: false },
    ]);
  });
});
