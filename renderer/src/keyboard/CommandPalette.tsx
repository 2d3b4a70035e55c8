// Ctrl/Cmd+K: every stack action and tab by name. Typing narrows the list, arrows move,
// Enter runs, Esc closes; focus returns where it was.
import { useRef, useState } from 'react';
import { Modal } from '../components/Modal';
import { filterEntries } from './shortcuts';

export interface PaletteEntry {
  id: string;
  label: string;
  run: () => void;
}

export function CommandPalette({ entries, onClose }: { entries: PaletteEntry[]; onClose: () => void }) {
  const [typed, setTyped] = useState('');
  const [index, setIndex] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const shown = filterEntries(entries, typed);
  const at = Math.min(index, Math.max(0, shown.length - 1));
  const run = (e: PaletteEntry | undefined) => {
    if (!e) return;
    onClose();
    e.run();
  };
  return (
    <Modal label="Command palette" testId="palette" className="palette" focus={input} onClose={onClose}>
      <input
        ref={input}
        type="text"
        role="combobox"
        aria-expanded="true"
        aria-controls="palette-list"
        aria-activedescendant={shown[at] ? `palette-${shown[at].id}` : undefined}
        aria-label="Type a command"
        placeholder="Type a command or a tab"
        value={typed}
        onChange={(e) => {
          setTyped(e.target.value);
          setIndex(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
          else if (e.key === 'ArrowDown') setIndex(Math.min(at + 1, shown.length - 1));
          else if (e.key === 'ArrowUp') setIndex(Math.max(at - 1, 0));
          else if (e.key === 'Enter') run(shown[at]);
          else return;
          e.preventDefault();
        }}
        data-testid="palette-input"
      />
      <ul id="palette-list" role="listbox" aria-label="Commands" className="palette-list">
        {shown.length === 0 && <li className="muted small">No command matches.</li>}
        {shown.map((e, i) => (
          <li
            key={e.id}
            id={`palette-${e.id}`}
            role="option"
            aria-selected={i === at}
            className={i === at ? 'active' : ''}
            onMouseEnter={() => setIndex(i)}
            onClick={() => run(e)}
            data-testid="palette-entry"
          >
            {e.label}
          </li>
        ))}
      </ul>
    </Modal>
  );
}
