// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
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
        { key: 'LOG_LEVEL', value: 'info', secret: false },
        { key: 'OPENAI_API_KEY', value: 'sk-very-secret', secret: true },
        { key: 'DB_PASSWORD', value: 'hunter2', secret: true },
      ],
    },
  ],
  warnings: [],
  error: null,
};

describe('secret masking', () => {
  it('masks secret values and leaves others visible', () => {
    const { container } = render(<ConfigPanel config={config} />);
    expect(container.textContent).toContain('info');
    expect(container.textContent).not.toContain('sk-very-secret');
    expect(container.textContent).not.toContain('hunter2');
    expect(screen.getByTestId('env-value-OPENAI_API_KEY').textContent).toBe('••••');
  });

  it('reveals and hides one value at a time', () => {
    const { container } = render(<ConfigPanel config={config} />);
    fireEvent.click(screen.getByRole('button', { name: 'Reveal OPENAI_API_KEY' }));
    expect(screen.getByTestId('env-value-OPENAI_API_KEY').textContent).toBe('sk-very-secret');
    expect(container.textContent).not.toContain('hunter2');
    fireEvent.click(screen.getByRole('button', { name: 'Hide OPENAI_API_KEY' }));
    expect(container.textContent).not.toContain('sk-very-secret');
  });
});
