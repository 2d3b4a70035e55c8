import { lazy, Suspense, useEffect, useState } from 'react';
import { ConnectionBanner } from './components/ConnectionBanner';
import { Header } from './components/Header';
import type { TabDef } from './components/Tabs';
import { TabList, TabPanel } from './components/Tabs';
import { useTheme } from './components/useTheme';
import { LogsPanel } from './logs/LogsPanel';
import { ServicesPanel } from './services/ServicesPanel';
import { SettingsPanel } from './settings/SettingsPanel';
import { StatsPanel } from './stats/StatsPanel';
import { useDashboard } from './state/context';
import { MessagesPanel } from './traffic/MessagesPanel';
import { HistoryPanel } from './history/HistoryPanel';
import { CommandPalette, type PaletteEntry } from './keyboard/CommandPalette';
import { ShortcutsDialog } from './keyboard/ShortcutsDialog';
import { shortcutOf } from './keyboard/shortcuts';
import { useStoreInstance } from './state/context';

// The terminal (xterm.js, a third of the page's code) loads when its tab is first
// shown, so the dashboard opens without parsing it.
const TerminalPanel = lazy(() => import('./terminal/TerminalPanel').then((m) => ({ default: m.TerminalPanel })));

const TABS: TabDef[] = [
  { id: 'services', label: 'Services' },
  { id: 'stats', label: 'Stats' },
  { id: 'logs', label: 'Logs' },
  { id: 'terminal', label: 'Terminal' },
  { id: 'messages', label: 'Messages' },
  { id: 'history', label: 'History' },
  { id: 'settings', label: 'Settings' },
];

export function App() {
  const [tab, setTab] = useState('services');
  const connection = useDashboard((s) => s.connection);
  const theme = useDashboard((s) => s.settings?.theme);
  const notices = useDashboard((s) => s.app?.notices);
  const recorder = useDashboard((s) => s.recorder);
  useTheme(theme);
  const store = useStoreInstance();
  const stack = useDashboard((s) => s.stack);
  const [overlay, setOverlay] = useState<'palette' | 'help' | null>(null);
  // A service card's "Terminal" asks for a shell here.
  const terminalRequest = useDashboard((s) => s.terminalRequest);
  useEffect(() => {
    if (terminalRequest) setTab('terminal');
  }, [terminalRequest]);
  // Once shown, the terminal stays mounted (its session lives on behind other tabs).
  const [terminalShown, setTerminalShown] = useState(false);
  useEffect(() => {
    if (tab === 'terminal') setTerminalShown(true);
  }, [tab]);
  const historyRequest = useDashboard((s) => s.historyRequest);
  useEffect(() => {
    if (historyRequest) setTab('history');
  }, [historyRequest]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutOf(e);
      if (!action) return;
      e.preventDefault();
      if (action === 'search') {
        // The search box of the tab on screen, if it has one (Messages, Logs).
        const search = document.querySelector<HTMLInputElement>(`#panel-${tab} [data-shortcut="search"]`);
        if (search) search.focus();
        else if (tab !== 'logs' && tab !== 'messages' && tab !== 'history') {
          setTab('messages');
          setTimeout(() => document.querySelector<HTMLInputElement>('#panel-messages [data-shortcut="search"]')?.focus(), 0);
        }
      } else setOverlay(action);
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [tab]);

  // Stack actions through the contract, like the header's; tabs by name.
  const act =
    (name: 'stack.up' | 'stack.stop' | 'stack.cancel', input: object = {}) =>
    () =>
      void store.api.invoke(name, input as never).then((r) => r.ok && name !== 'stack.cancel' && store.set({ stack: r.value as never }));
  const entries: PaletteEntry[] = [
    { id: 'start', label: 'Start stack', run: act('stack.up') },
    { id: 'stop', label: 'Stop stack', run: act('stack.stop') },
    ...(stack?.services.some((s) => s.built)
      ? [{ id: 'rebuild', label: 'Rebuild images and start', run: act('stack.up', { build: true }) }]
      : []),
    ...(stack?.operation?.cancellable ? [{ id: 'cancel', label: 'Cancel Start', run: act('stack.cancel') }] : []),
    ...TABS.map((t) => ({ id: `tab-${t.id}`, label: `Go to ${t.label}`, run: () => setTab(t.id) })),
    { id: 'help', label: 'Keyboard shortcuts', run: () => setTimeout(() => setOverlay('help'), 0) },
  ];

  return (
    <div className="app">
      <ConnectionBanner status={connection} />
      {notices?.map((n) => (
        <div key={n} className="callout tone-warn small" role="status" data-testid="app-notice">
          {n}
        </div>
      ))}
      {recorder?.status === 'stopped' && (
        <div className="callout tone-bad small" role="alert" data-testid="recorder-banner">
          {recorder.reason ?? 'Recording stopped.'}
        </div>
      )}
      <Header />
      <nav className="nav">
        <TabList tabs={TABS} active={tab} onChange={setTab} />
      </nav>
      <main className="content">
        <TabPanel id="services" active={tab}>
          <ServicesPanel />
        </TabPanel>
        <TabPanel id="stats" active={tab}>
          <StatsPanel />
        </TabPanel>
        <TabPanel id="logs" active={tab}>
          <LogsPanel />
        </TabPanel>
        {(terminalShown || tab === 'terminal') && (
          <TabPanel id="terminal" active={tab} keep>
            <Suspense fallback={<p className="muted small">Loading the terminal…</p>}>
              <TerminalPanel request={terminalRequest} />
            </Suspense>
          </TabPanel>
        )}
        <TabPanel id="messages" active={tab}>
          <MessagesPanel />
        </TabPanel>
        <TabPanel id="history" active={tab}>
          <HistoryPanel />
        </TabPanel>
        <TabPanel id="settings" active={tab}>
          <SettingsPanel />
        </TabPanel>
      </main>
      {overlay === 'palette' && <CommandPalette entries={entries} onClose={() => setOverlay(null)} />}
      {overlay === 'help' && <ShortcutsDialog onClose={() => setOverlay(null)} />}
    </div>
  );
}
