// ActivityPage drives the Activity screen: the listener setup, the filters, the timeline and tag moves.

import { expect, type Locator, type Page } from '@playwright/test';
import { screenOf } from './screen';

/** ActivityPage is one page object for the whole Activity screen. */
export class ActivityPage extends screenOf(
  'activity-view',
  {
    setup: 'listener-setup',
    state: 'listener-state',
    snippet: 'snippet',
    timeline: 'timeline',
    rows: 'timeline-row',
    movements: 'movement',
    histogram: 'histogram',
    // feed is the first card: tag moves across every repository; feedMoves its lines.
    feed: 'moves-feed',
    feedMoves: 'feed-move',
    // count is the line over the timeline ("8 events, 3 of them Berth's own reads, hidden").
    count: 'timeline-count',
    // subtitle is the header's listener line.
    subtitle: 'activity-subtitle',
  },
  'page',
) {
  /** open clicks Activity in the sidebar. */
  static async open(page: Page): Promise<ActivityPage> {
    await page.getByTestId('sidebar-activity').click();
    const activity = new ActivityPage(page);
    await expect(activity.root).toBeVisible();
    return activity;
  }

  /** testTeamDatabase opens Source, enters the team database and presses Test; it returns the Source card. */
  async testTeamDatabase(url: string, password: string): Promise<Locator> {
    await this.page.getByTestId('toggle-source').click();
    const card = this.page.getByTestId('activity-source');
    await card.getByTestId('source-team').check();
    await card.getByLabel('Database address').fill(url);
    await card.getByLabel(/Password/).fill(password);
    await card.getByTestId('source-test').click();
    return card;
  }

  /** chooseTeamDatabase tests the team database, sees it connect, and uses it. */
  async chooseTeamDatabase(url: string, password: string): Promise<void> {
    const card = await this.testTeamDatabase(url, password);
    await expect(card.getByTestId('source-feedback')).toContainText('Connected to');
    await card.getByTestId('source-save').click();
    await expect(card.getByLabel(/Password/)).toHaveValue('');
  }

  /** toggleSetup opens or closes the listener's setup card from the header. */
  async toggleSetup(): Promise<void> {
    await this.root.getByTestId('toggle-setup').click();
  }

  /** startListener types a port, starts the listener from the UI and returns its URL and secret. */
  async startListener(port: number): Promise<{ url: string; secret: string }> {
    await this.setup.getByLabel('Port').fill(String(port));
    await this.setup.getByTestId('listener-start').click();
    await expect(this.state).toHaveAttribute('data-running', 'true');
    await expect(this.state).toContainText(`http://127.0.0.1:${port}/events`);
    const snippet = await this.snippet.inputValue();
    const url = /url: (\S+)/.exec(snippet)?.[1];
    const secret = /Authorization: \[Bearer ([A-Za-z0-9_-]+)\]/.exec(snippet)?.[1];
    if (!url || !secret) throw new Error(`no URL or secret in the snippet:\n${snippet}`);
    return { url, secret };
  }

  /** filter types into one filter field by its label. */
  async filter(label: 'Repository' | 'Tag' | 'User', value: string): Promise<void> {
    await this.root.getByTestId('activity-filters').getByLabel(label, { exact: true }).fill(value);
  }

  /** row finds timeline rows by text. */
  row(text: string | RegExp): Locator {
    return this.rows.filter({ hasText: text });
  }
}
