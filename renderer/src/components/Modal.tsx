// One modal for every dialog (remove stack, shortcuts, palette): a backdrop that closes
// on a click outside or Esc, focus moved in (to `focus`, else the first control) and
// given back where it was on close.
import type { ReactNode, RefObject } from 'react';
import { useEffect, useRef } from 'react';

export function Modal({
  title,
  label,
  testId,
  className = '',
  focus,
  onClose,
  children,
  closeButton = false,
}: {
  /** A visible heading (names the dialog), or `label` when it has none. */
  title?: string;
  label?: string;
  testId: string;
  className?: string;
  focus?: RefObject<HTMLElement | null>;
  onClose: () => void;
  /** A Close button under the content, for dialogs that only show something. */
  closeButton?: boolean;
  children: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    (focus?.current ?? box.current?.querySelector<HTMLElement>('input, button, [tabindex]'))?.focus();
    return () => before?.focus();
  }, [focus]);
  const titleId = `${testId}-title`;
  return (
    <div className="modal-backdrop" onClick={onClose} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div
        ref={box}
        className={`modal card ${className}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={title ? titleId : undefined}
        aria-label={title ? undefined : label}
        data-testid={testId}
        onClick={(e) => e.stopPropagation()}
      >
        {title && (
          <h2 id={titleId} className="card-title">
            {title}
          </h2>
        )}
        {children}
        {closeButton && (
          <div className="row modal-actions">
            <button type="button" className="btn" onClick={onClose}>
              Close
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
