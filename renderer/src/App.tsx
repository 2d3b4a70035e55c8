import { useState } from 'react';
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

const TABS: TabDef[] = [
  { id: 'services', label: 'Services' },
  { id: 'stats', label: 'Stats' },
  { id: 'logs', label: 'Logs' },
  { id: 'messages', label: 'Messages' },
  { id: 'settings', label: 'Settings' },
];

export function App() {
  const [tab, setTab] = useState('services');
  const connection = useDashboard((s) => s.connection);
  const theme = useDashboard((s) => s.settings?.theme);
  const notices = useDashboard((s) => s.app?.notices);
  useTheme(theme);
  return (
    <div className="app">
      <ConnectionBanner status={connection} />
      {notices?.map((n) => (
        <div key={n} className="callout tone-warn small" role="status" data-testid="app-notice">
          {n}
        </div>
      ))}
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
        <TabPanel id="messages" active={tab}>
          <MessagesPanel />
        </TabPanel>
        <TabPanel id="settings" active={tab}>
          <SettingsPanel />
        </TabPanel>
      </main>
    </div>
  );
}
