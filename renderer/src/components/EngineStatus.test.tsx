// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../shared/result';
import { StoreContext } from '../state/context';
import { DashboardStore } from '../state/store';
import { FakeApi } from '../testing/fake-api';
import { EngineUnavailable, engineLabel } from './EngineStatus';

afterEach(cleanup);

const connected = { status: 'connected' as const, version: '20.10.24', apiVersion: '1.41', os: 'linux', arch: 'amd64' };

describe('engineLabel', () => {
  it('names the machine a remote engine runs on, and why it was chosen', () => {
    expect(engineLabel({ ...connected, endpoint: 'unix:///var/run/docker.sock', source: 'Docker Engine' })).toBe('Docker 20.10.24');
    expect(engineLabel({ ...connected, endpoint: 'ssh://root@169.254.7.2', source: 'Settings' })).toBe(
      'Docker 20.10.24 on 169.254.7.2 (Settings)',
    );
    expect(engineLabel({ ...connected, endpoint: 'tcp://build.example:2376', source: 'context build' })).toBe(
      'Docker 20.10.24 on build.example (context build)',
    );
  });
});

describe('a first connection to an ssh:// engine', () => {
  it('shows the host key fingerprint, and trusts it only when the user says so', async () => {
    const api = new FakeApi();
    api.handlers['engine.trustHost'] = () => ok({ host: 'build.example' });
    const store = new DashboardStore(api);
    const fingerprint = 'SHA256:' + 'A'.repeat(43);
    render(
      <StoreContext.Provider value={store}>
        <EngineUnavailable
          engine={{
            status: 'unavailable',
            endpoint: 'ssh://root@build.example',
            reason: 'the host key of build.example is not in ~/.ssh/known_hosts',
            hint: '',
            retryInMs: null,
            hostKey: { host: 'build.example', keyType: 'ssh-ed25519', fingerprint },
          }}
        />
      </StoreContext.Provider>,
    );
    expect(screen.getByTestId('engine-host-key').textContent).toContain('First connection to build.example');
    expect(screen.getByTestId('engine-host-fingerprint').textContent).toBe(fingerprint);
    expect(api.calls.filter((c) => c.name === 'engine.trustHost')).toEqual([]);
    fireEvent.click(screen.getByTestId('engine-host-trust'));
    await waitFor(() => expect(api.calls.filter((c) => c.name === 'engine.trustHost').map((c) => c.input)).toEqual([{ fingerprint }]));
  });
});
