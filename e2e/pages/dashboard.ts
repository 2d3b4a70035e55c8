// Page object for the dashboard: every locator goes through the data-testids the
// renderer defines, so specs read as user steps.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { ROOT } from '../stack-env';

export type TabName = 'services' | 'stats' | 'logs' | 'terminal' | 'messages' | 'history' | 'settings';
export const THEMES = ['light', 'dark'] as const;

export class DashboardPage {
  readonly header: Locator;
  readonly engineStatus: Locator;
  readonly startStop: Locator;
  readonly stackError: Locator;
  readonly notCreated: Locator;
  readonly logsPanel: Locator;
  readonly logLines: Locator;
  readonly logsSearch: Locator;
  readonly logsMatchCount: Locator;
  readonly messagesPanel: Locator;
  readonly messagesList: Locator;
  readonly jumpToLatest: Locator;
  readonly messageRows: Locator;
  readonly messageAgents: Locator;
  readonly filterAgent: Locator;
  readonly matchCount: Locator;
  readonly pauseButton: Locator;
  readonly backlog: Locator;
  readonly detail: Locator;
  readonly detailJson: Locator;
  readonly receivedCounter: Locator;
  readonly settingsPanel: Locator;
  readonly configView: Locator;

  constructor(readonly page: Page) {
    const id = (t: string) => page.getByTestId(t);
    this.header = id('header');
    this.engineStatus = id('engine-status');
    this.startStop = id('stack-toggle');
    this.stackError = id('stack-error');
    this.notCreated = id('stack-not-created');
    this.logsPanel = id('logs-panel');
    this.logLines = this.logsPanel.getByTestId('log-line');
    this.logsSearch = id('logs-search');
    this.logsMatchCount = id('logs-match-count');
    this.messagesPanel = id('messages-panel');
    this.messagesList = id('messages-list');
    this.jumpToLatest = id('messages-list-jump');
    this.messageRows = this.messagesPanel.getByTestId('message-row');
    this.messageAgents = this.messagesPanel.getByTestId('message-agent-name');
    this.filterAgent = id('filter-agent');
    this.matchCount = id('match-count');
    this.pauseButton = id('traffic-pause');
    this.backlog = id('traffic-backlog');
    this.detail = id('message-detail');
    this.detailJson = this.detail.getByTestId('json-tree');
    this.receivedCounter = id('counter-received');
    this.settingsPanel = id('settings-panel');
    this.configView = id('config-view');
  }

  service(name: string): Locator {
    return this.page.getByTestId(`service-${name}`);
  }

  serviceState(name: string): Locator {
    return this.service(name).getByTestId('service-state');
  }

  async openTab(tab: TabName): Promise<void> {
    await this.page.getByTestId(`tab-${tab}`).click();
    await this.page.getByTestId(`panel-${tab}`).waitFor();
  }

  async showLogsOf(service: string | null): Promise<void> {
    await this.openTab('logs');
    await this.page.getByTestId(`logs-source-${service ?? 'all'}`).click();
  }

  /** Pixels between the bottom of the message list's viewport and its end. */
  async messagesDistanceFromEnd(): Promise<number> {
    return this.messagesList.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
  }

  async scrollMessagesToTop(): Promise<void> {
    await this.messagesList.evaluate((el) => {
      el.scrollTop = 0;
      el.dispatchEvent(new Event('scroll'));
    });
  }

  /** The number shown on the "N new" backlog button while paused. */
  async backlogCount(): Promise<number> {
    const text = (await this.backlog.textContent()) ?? '';
    return Number(text.replace(/[^\d]/g, '') || '0');
  }

  /** Clicks Export and returns the downloaded JSON Lines, one parsed record per line. */
  async exportMessages(): Promise<Record<string, unknown>[]> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId('traffic-export').click();
    const file = await (await download).path();
    const text = readFileSync(file, 'utf8');
    return text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  /** Screenshot in light and dark (theme 'system' follows the emulated scheme). */
  async screenshots(testInfo: TestInfo, name: string): Promise<void> {
    const dir = join(ROOT, 'artifacts', 'screenshots');
    mkdirSync(dir, { recursive: true });
    for (const theme of THEMES) {
      await this.page.emulateMedia({ colorScheme: theme });
      // Let styles settle (theme tokens, virtual list measurement).
      await this.page.waitForTimeout(150);
      const file = `${name}-${theme}.png`;
      await this.page.screenshot({ path: testInfo.outputPath(file) });
      await this.page.screenshot({ path: join(dir, file) });
    }
    await this.page.emulateMedia({ colorScheme: 'light' });
  }
}
