// Down, with a confirmation that says exactly what goes: the containers by name, the
// stack's networks, and the volumes only when the user ticks it (their data is lost).
import { useRef, useState } from 'react';
import { Modal } from './Modal';
import type { StackSnapshot } from '../../../shared/stack';

export function RemoveStackDialog({
  stack,
  onConfirm,
  onClose,
}: {
  stack: StackSnapshot;
  onConfirm: (volumes: boolean) => void;
  onClose: () => void;
}) {
  const [volumes, setVolumes] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const containers = stack.services.flatMap((s) =>
    s.instances.length > 0 ? s.instances.map((i) => i.containerName) : s.containerId ? [s.containerName] : [],
  );
  // The safe choice has the focus; Esc and a click outside keep the stack.
  return (
    <Modal title={`Remove the stack ${stack.project}?`} testId="remove-dialog" focus={cancelRef} onClose={onClose}>
      <p>This stops and deletes:</p>
      <ul className="small mono" data-testid="remove-containers">
        {containers.length === 0 ? <li className="muted">no containers (none exist)</li> : containers.map((c) => <li key={c}>{c}</li>)}
      </ul>
      <p className="small">
        and the stack&apos;s networks. Images are kept, so the next Start is quick. Named volumes keep their data unless you tick:
      </p>
      <label className="row gap-sm small">
        <input type="checkbox" checked={volumes} onChange={(e) => setVolumes(e.target.checked)} data-testid="remove-volumes" />
        Also delete the stack&apos;s volumes (their data is lost)
      </label>
      <div className="row gap-sm modal-actions">
        <button type="button" className="btn" ref={cancelRef} onClick={onClose} data-testid="remove-cancel">
          Keep the stack
        </button>
        <button type="button" className="btn btn-danger" onClick={() => onConfirm(volumes)} data-testid="remove-confirm">
          {volumes ? 'Remove stack and volumes' : 'Remove stack'}
        </button>
      </div>
    </Modal>
  );
}
