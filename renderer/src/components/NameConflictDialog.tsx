// The way forward from a name conflict: says whose container is in the way and what
// removing it does, and only on confirmation removes it and starts the stack again.
import { useRef } from 'react';
import { Modal } from './Modal';
import type { NameConflict } from '../../../shared/stack';

export function NameConflictDialog({
  conflict,
  project,
  onConfirm,
  onClose,
}: {
  conflict: NameConflict;
  project: string;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const whose = conflict.ownerProject
    ? `It belongs to the compose project ${conflict.ownerProject}`
    : 'It belongs to no compose project (it was made by hand or by another tool)';
  return (
    <Modal title={`Remove the container ${conflict.container}?`} testId="conflict-dialog" focus={cancelRef} onClose={onClose}>
      <p data-testid="conflict-owner">
        {whose}, and it is {conflict.state}. {project} needs its name.
      </p>
      <p className="small">
        Removing it stops it and deletes the container (like <span className="mono">docker rm -f {conflict.container}</span>). Its named
        volumes and its image are kept. Then {project} starts.
      </p>
      <div className="row gap-sm modal-actions">
        <button type="button" className="btn" ref={cancelRef} onClick={onClose} data-testid="conflict-cancel">
          Keep it
        </button>
        <button type="button" className="btn btn-danger" onClick={onConfirm} data-testid="conflict-confirm">
          Remove it and start
        </button>
      </div>
    </Modal>
  );
}
