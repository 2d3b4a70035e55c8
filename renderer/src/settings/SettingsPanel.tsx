import type { FormEvent } from 'react';
import { CheckoutPanel } from './CheckoutPanel';
import { useEffect, useState } from 'react';
import type { ConfigView } from '../../../shared/settings';
import { CHANNEL_PRESETS, LIMITS, presetOn, togglePreset } from '../../../shared/rules';
import { THEMES } from '../../../shared/settings';
import { useDashboard, useStoreInstance } from '../state/context';
import { ConfigPanel } from './ConfigPanel';
import type { SettingsForm } from './settings-form';
import { fromForm, toForm } from './settings-form';
import { FormFooter, type FormStatus } from '../components/FormFooter';
import { Segmented } from '../components/Segmented';

export function SettingsPanel() {
  const store = useStoreInstance();
  const reveal = async (service: string, key: string): Promise<string | null> => {
    const r = await store.api.invoke('config.reveal', { service, key });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.value;
  };
  const settings = useDashboard((s) => s.settings);
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [status, setStatus] = useState<FormStatus | null>(null);
  const [config, setConfig] = useState<ConfigView | null>(null);
  const [configError, setConfigError] = useState<string | null>(null);

  useEffect(() => {
    if (settings) setForm(toForm(settings));
  }, [settings]);

  useEffect(() => {
    void store.api.invoke('config.get', {}).then((r) => (r.ok ? setConfig(r.value) : setConfigError(r.error.message)));
  }, [store, settings]);

  if (!form) return <p className="muted">Loading settings…</p>;
  const parsed = fromForm(form);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!parsed.ok) return;
    const r = await store.api.invoke('settings.update', parsed.value);
    if (r.ok) {
      store.applySettings(r.value);
      setStatus({ ok: true, text: 'Saved.' });
    } else setStatus({ ok: false, text: r.error.message });
  };

  return (
    <div className="panel settings-panel" data-testid="settings-panel">
      <form className="card settings-form" onSubmit={(e) => void save(e)} aria-label="Settings">
        <h2 className="card-title">Settings</h2>
        <label className="field">
          <span>Stack files (one per line, -f order; empty = bundled)</span>
          <textarea
            rows={2}
            className="mono"
            value={form.stackFiles}
            onChange={(e) => setForm({ ...form, stackFiles: e.target.value })}
            data-testid="settings-stack-files"
          />
        </label>
        <label className="field">
          <span>Env file</span>
          <input
            className="mono"
            value={form.envFile}
            onChange={(e) => setForm({ ...form, envFile: e.target.value })}
            data-testid="settings-env-file"
          />
        </label>
        <label className="field">
          <span>Engine (empty: DOCKER_HOST, the current docker context or the usual socket)</span>
          <input
            className="mono"
            value={form.engineHost}
            placeholder="ssh://user@host or tcp://host:2376"
            onChange={(e) => setForm({ ...form, engineHost: e.target.value })}
            data-testid="settings-engine"
          />
          <small className="muted">
            A remote engine runs the stack on its machine. SSH keys come from your agent or ~/.ssh and are never stored; the host must be in
            ~/.ssh/known_hosts. TLS uses DOCKER_CERT_PATH.
          </small>
        </label>
        <fieldset className="field presets" data-testid="settings-presets">
          <legend>Atom channels to watch</legend>
          {CHANNEL_PRESETS.map((p) => {
            const current = form.patterns
              .split('\n')
              .map((x) => x.trim())
              .filter(Boolean);
            return (
              <label key={p.id} className="check">
                <input
                  type="checkbox"
                  checked={presetOn(current, p.id)}
                  onChange={(e) => setForm({ ...form, patterns: togglePreset(current, p.id, e.target.checked).join('\n') })}
                  data-testid={`preset-${p.id}`}
                />
                {p.label}
              </label>
            );
          })}
        </fieldset>
        <label className="field">
          <span>Subscription patterns (one per line)</span>
          <textarea
            rows={2}
            className="mono"
            value={form.patterns}
            onChange={(e) => setForm({ ...form, patterns: e.target.value })}
            data-testid="settings-patterns"
          />
        </label>
        <label className="field">
          <span>Message buffer cap</span>
          <input
            type="number"
            min={100}
            max={1_000_000}
            value={form.bufferCap}
            onChange={(e) => setForm({ ...form, bufferCap: e.target.value })}
            data-testid="settings-buffer-cap"
          />
        </label>
        <fieldset className="field">
          <legend>Theme</legend>
          <Segmented
            label="Theme"
            name="theme"
            options={THEMES.map((t) => ({ value: t, label: t[0]!.toUpperCase() + t.slice(1) }))}
            value={form.theme}
            onChange={(theme) => setForm({ ...form, theme })}
            testId="settings-theme"
          />
        </fieldset>
        <label className="check">
          <input
            type="checkbox"
            checked={form.startOnOpen}
            onChange={(e) => setForm({ ...form, startOnOpen: e.target.checked })}
            data-testid="settings-start-on-open"
          />
          Start the stack when the app opens
        </label>
        <fieldset className="field">
          <legend>Flight recorder</legend>
          <label className="check">
            <input
              type="checkbox"
              checked={form.recordEnabled}
              onChange={(e) => setForm({ ...form, recordEnabled: e.target.checked })}
              data-testid="settings-record-enabled"
            />
            Keep messages, logs and health events on disk (one record per stack)
          </label>
          <div className="row gap-sm">
            <label className="field">
              <span>Keep at most (MB)</span>
              <input
                type="number"
                min={LIMITS.recordMaxMbMin}
                max={LIMITS.recordMaxMbMax}
                value={form.recordMaxMb}
                onChange={(e) => setForm({ ...form, recordMaxMb: e.target.value })}
                data-testid="settings-record-max-mb"
              />
            </label>
            <label className="field">
              <span>Keep for (days)</span>
              <input
                type="number"
                min={1}
                max={LIMITS.recordMaxDaysMax}
                value={form.recordMaxDays}
                onChange={(e) => setForm({ ...form, recordMaxDays: e.target.value })}
                data-testid="settings-record-max-days"
              />
            </label>
          </div>
        </fieldset>
        <FormFooter error={parsed.ok ? null : parsed.error} submitLabel="Save" testId="settings-save" status={status} />
      </form>
      <CheckoutPanel />
      <div>
        <h2 className="section-title">Configuration</h2>
        {configError && (
          <div className="callout tone-bad" role="alert">
            {configError}
          </div>
        )}
        {config && <ConfigPanel config={config} reveal={reveal} />}
      </div>
    </div>
  );
}
