// The Activity screen pointed at a team PostgreSQL database through `berth ui`: Source → team database,
// Test, Use; an event that a second store instance ingests (as another machine's listener would) appears
// in the timeline live, without a reload. The app's own listener can store there too, and a wrong
// password is told in words that name no command-line flag.

import { openPostgresStore } from '../../electron/core/activity/postgres/store';
import { pushRow } from '../harness/event-rows';
import { findFreePort } from '../harness/free-port';
import { type RunningPostgres, startPostgres } from '../harness/postgres';
import { expect, test } from './fixtures';
import { ActivityPage } from './pages/activity-page';

let pg: RunningPostgres;

test.beforeAll(async () => {
  pg = await startPostgres();
});
test.afterAll(async () => {
  await pg?.stop();
});

const push = (repository: string, tag: string) =>
  pushRow(repository, tag, 'carol', `sha256:${'d'.repeat(64)}`);

test('a push stored in the team database by another machine appears live', async ({ app, page }) => {
  await app.hideSecretWarning();
  const url = await pg.createDatabase();
  const other = await openPostgresStore(url, { migrate: true });
  try {
    await other.ingest([[push('team-app', '1.0')]]);
    const activity = await ActivityPage.open(page);
    await activity.chooseTeamDatabase(url, 'not-needed-with-trust');
    await expect(activity.row(/carol\s+pushed\s+team-app:1\.0/)).toHaveCount(1);
    await other.ingest([[push('team-app', '1.1')]]);
    await expect(activity.row(/carol\s+pushed\s+team-app:1\.1/)).toHaveCount(1, { timeout: 3000 });
  } finally {
    await other.close();
  }
});

test('the app’s own listener can store in the team database, and the header says so', async ({
  app,
  page,
}) => {
  await app.hideSecretWarning();
  const url = await pg.createDatabase();
  // A listener elsewhere set the database up; this app both reads it and, now, writes it.
  const other = await openPostgresStore(url, { migrate: true });
  try {
    const activity = await ActivityPage.open(page);
    await activity.chooseTeamDatabase(url, 'not-needed-with-trust');
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
    expect((await other.query({ action: 'other' })).events.map((e) => e.action)).toEqual(['test']);
    await activity.setup.getByTestId('listener-stop').click();
    await expect(activity.state).toHaveAttribute('data-running', 'false');
  } finally {
    await other.close();
  }
});

test('a wrong team database password gets a sentence that names no command-line flag', async ({
  app,
  page,
}) => {
  await app.hideSecretWarning();
  const db = await pg.createDatabase();
  const role = await pg.passwordRole('berth_reader', 'the-right-one', new URL(db).pathname.slice(1));
  const activity = await ActivityPage.open(page);
  await page.getByTestId('toggle-source').click();
  const card = page.getByTestId('activity-source');
  await card.getByTestId('source-team').check();
  await card.getByLabel('Database address').fill(role);
  await card.getByLabel(/Password/).fill('a-wrong-one');
  await card.getByTestId('source-test').click();
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
