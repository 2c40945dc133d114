// The Activity screen pointed at a team PostgreSQL database through `berth ui`: Source → team database,
// Test, Use; an event that a second store instance ingests (as another machine's listener would) appears
// in the timeline live, without a reload. The app's own listener can store there too, and a wrong
// password is told in words that name no command-line flag.

import { openPostgresStore, type PostgresStore } from '../../electron/core/activity/postgres/store';
import { pushRow } from '../harness/event-rows';
import { findFreePort } from '../harness/free-port';
import { type RunningPostgres, startPostgres } from '../harness/postgres';
import { test as base, expect } from './fixtures';
import { ActivityPage } from './pages/activity-page';

const push = (repository: string, tag: string) =>
  pushRow(repository, tag, 'carol', `sha256:${'d'.repeat(64)}`);

/** test gives each test that asks a new team database set up by "another machine": its URL and its store. */
const test = base.extend<{ team: { url: string; other: PostgresStore } }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  team: async ({}, use) => {
    const url = await pg.createDatabase();
    const other = await openPostgresStore(url, { migrate: true });
    await use({ url, other });
    await other.close();
  },
});

let pg: RunningPostgres;

test.beforeAll(async () => {
  pg = await startPostgres();
});
test.afterAll(async () => {
  await pg?.stop();
});

test('a push stored in the team database by another machine appears live', async ({ app, page, team }) => {
  await app.hideSecretWarning();
  await team.other.ingest([[push('team-app', '1.0')]]);
  const activity = await ActivityPage.open(page);
  await activity.chooseTeamDatabase(team.url, 'not-needed-with-trust');
  await expect(activity.row(/carol\s+pushed\s+team-app:1\.0/)).toHaveCount(1);
  await team.other.ingest([[push('team-app', '1.1')]]);
  await expect(activity.row(/carol\s+pushed\s+team-app:1\.1/)).toHaveCount(1, { timeout: 3000 });
});

test('the app’s own listener can store in the team database, and the header says so', async ({
  app,
  page,
  team,
}) => {
  await app.hideSecretWarning();
  // A listener elsewhere set the database up; this app both reads it and, now, writes it.
  const activity = await ActivityPage.open(page);
  await activity.chooseTeamDatabase(team.url, 'not-needed-with-trust');
  await expect(activity.subtitle).toHaveText('The listener is off · showing the team database');
  await expect(activity.setup).toBeVisible();
  await activity.setup.getByTestId('listener-store-team').check();
  const port = await findFreePort();
  await activity.startListener(port);
  await expect(activity.subtitle).toHaveText(
    `Listening at http://127.0.0.1:${port}/events, storing in the team database`,
  );
  await activity.setup.getByTestId('send-test-event').click();
  await expect(activity.setup.getByTestId('test-result')).toContainText('reached the listener');
  await expect(activity.row(/berth\s+sent a test event/)).toHaveCount(1);
  // Stored in the team database itself, where every desktop reads it.
  expect((await team.other.query({ action: 'other' })).events.map((e) => e.action)).toEqual(['test']);
  await activity.setup.getByTestId('listener-stop').click();
  await expect(activity.state).toHaveAttribute('data-running', 'false');
});

test('a wrong team database password gets a sentence that names no command-line flag', async ({
  app,
  page,
}) => {
  await app.hideSecretWarning();
  const db = await pg.createDatabase();
  const role = await pg.passwordRole('berth_reader', 'the-right-one', new URL(db).pathname.slice(1));
  const activity = await ActivityPage.open(page);
  const card = await activity.testTeamDatabase(role, 'a-wrong-one');
  const feedback = card.getByTestId('source-feedback');
  await expect(feedback).toContainText('PostgreSQL refused the sign-in to postgres://berth_reader@');
  await expect(feedback).toContainText('check the user name and password');
  await expect(feedback).not.toContainText('--');
  await expect(feedback).not.toContainText('PGPASSWORD');
  // Saved anyway, the screen says the same where the activity would be.
  await card.getByTestId('source-save').click();
  const error = activity.root.getByTestId('timeline-error');
  await expect(error).toContainText('PostgreSQL refused the sign-in');
  await expect(error).not.toContainText('--');
  await expect(error).not.toContainText('PGPASSWORD');
  expect(await page.getByTestId('activity-view').textContent()).not.toContain('a-wrong-one');
});
