// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigView } from '../../../shared/settings';
import { ConfigPanel } from './ConfigPanel';

afterEach(cleanup);

const config: ConfigView = {
  project: 'atom',
  files: ['/x/docker-compose.yml'],
  envFile: null,
  services: [
    {
      name: 'atom-backend',
      image: 'atom-backend:latest',
      build: null,
      ports: ['8000:8000'],
      dependsOn: ['valkey'],
      environment: [
        { key: 'LOG_LEVEL', value: 'info', secret: false, set: true, empty: false },
        // As the core sends them: secret values are not in config.get at all.
        { key: 'OPENAI_API_KEY', value: null, secret: true, set: true, empty: false },
        { key: 'DB_PASSWORD', value: null, secret: true, set: true, empty: false },
        { key: 'EMPTY_TOKEN', value: null, secret: true, set: true, empty: true },
        { key: 'UNSET_KEY', value: null, secret: true, set: false, empty: false },
      ],
    },
  ],
  warnings: [],
  error: null,
};

const SECRETS: Record<string, string> = { OPENAI_API_KEY: 'sk-very-secret', DB_PASSWORD: 'hunter2' };
const asked: string[] = [];
const reveal = async (service: string, key: string) => {
  asked.push(`${service}/${key}`);
  return SECRETS[key] ?? null;
};

describe('secret masking', () => {
  it('masks secret values and leaves others visible; an empty secret says so', () => {
    const { container } = render(<ConfigPanel config={config} reveal={reveal} />);
    expect(screen.getByTestId('env-value-EMPTY_TOKEN').textContent).toBe('(empty)');
    expect(container.textContent).toContain('(unset)');
    expect(container.textContent).toContain('info');
    expect(container.textContent).not.toContain('sk-very-secret');
    expect(container.textContent).not.toContain('hunter2');
    expect(screen.getByTestId('env-value-OPENAI_API_KEY').textContent).toBe('••••');
  });

  it('reveals one value at a time, asking the core for exactly that value, and hides it again', async () => {
    const { container } = render(<ConfigPanel config={config} reveal={reveal} />);
    fireEvent.click(screen.getByRole('button', { name: 'Reveal OPENAI_API_KEY' }));
    await waitFor(() => expect(screen.getByTestId('env-value-OPENAI_API_KEY').textContent).toBe('sk-very-secret'));
    expect(asked).toEqual(['atom-backend/OPENAI_API_KEY']);
    expect(container.textContent).not.toContain('hunter2');
    fireEvent.click(screen.getByRole('button', { name: 'Hide OPENAI_API_KEY' }));
    expect(container.textContent).not.toContain('sk-very-secret');
  });
});
