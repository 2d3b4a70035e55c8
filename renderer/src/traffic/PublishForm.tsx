import type { FormEvent } from 'react';
import { useState } from 'react';
import { useStoreInstance } from '../state/context';
import type { PublishForm as Form } from './publish-form';
import { parsePublish } from './publish-form';
import { FormFooter, type FormStatus } from '../components/FormFooter';

export function PublishForm({ form, onChange }: { form: Form; onChange: (f: Form) => void }) {
  const { api } = useStoreInstance();
  const [status, setStatus] = useState<FormStatus | null>(null);
  const parsed = parsePublish(form);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!parsed.ok) return;
    const r = await api.invoke('traffic.publish', parsed.value);
    setStatus(
      r.ok
        ? { ok: true, text: `Published to ${r.value.channels.join(', ')} (${r.value.receivers} receivers).` }
        : { ok: false, text: r.error.message },
    );
  };

  return (
    <form className="card publish" onSubmit={(e) => void submit(e)} aria-label="Publish a message" data-testid="publish-form">
      <h2 className="card-title">Publish</h2>
      <label className="field">
        <span>Topics</span>
        <input value={form.topics} onChange={(e) => onChange({ ...form, topics: e.target.value })} data-testid="publish-topics" />
      </label>
      <label className="field">
        <span>Type</span>
        <input value={form.type} onChange={(e) => onChange({ ...form, type: e.target.value })} data-testid="publish-type" />
      </label>
      <label className="field">
        <span>Data (JSON object)</span>
        <textarea
          rows={6}
          className="mono"
          value={form.data}
          onChange={(e) => onChange({ ...form, data: e.target.value })}
          aria-invalid={!parsed.ok}
          data-testid="publish-data"
        />
      </label>
      <FormFooter error={parsed.ok ? null : parsed.error} submitLabel="Publish" testId="publish-submit" status={status} />
    </form>
  );
}
