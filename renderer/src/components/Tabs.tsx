// Accessible tabs: role=tablist/tab/tabpanel, arrow keys move between tabs.
import type { KeyboardEvent, ReactNode } from 'react';
import { useRef } from 'react';

export interface TabDef {
  id: string;
  label: string;
  extra?: ReactNode;
}

export function TabList({ tabs, active, onChange }: { tabs: TabDef[]; active: string; onChange: (id: string) => void }) {
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const onKey = (e: KeyboardEvent) => {
    const i = tabs.findIndex((t) => t.id === active);
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    if (next < 0) return;
    e.preventDefault();
    const id = tabs[next]!.id;
    onChange(id);
    refs.current[id]?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label="Dashboard sections" onKeyDown={onKey}>
      {tabs.map((t) => (
        <button
          key={t.id}
          ref={(el) => {
            refs.current[t.id] = el;
          }}
          type="button"
          role="tab"
          id={`tab-${t.id}`}
          aria-selected={t.id === active}
          aria-controls={`panel-${t.id}`}
          tabIndex={t.id === active ? 0 : -1}
          className="tab"
          data-testid={`tab-${t.id}`}
          onClick={() => onChange(t.id)}
        >
          {t.label}
          {t.extra}
        </button>
      ))}
    </div>
  );
}

/** keep: stays mounted (hidden) while another tab shows, for a panel holding a live session. */
export function TabPanel({ id, active, children, keep = false }: { id: string; active: string; children: ReactNode; keep?: boolean }) {
  if (id !== active && !keep) return null;
  return (
    <section
      role="tabpanel"
      id={`panel-${id}`}
      aria-labelledby={`tab-${id}`}
      className="tabpanel"
      data-testid={`panel-${id}`}
      hidden={id !== active}
    >
      {children}
    </section>
  );
}
