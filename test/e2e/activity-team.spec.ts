// The Activity screen pointed at a team PostgreSQL database through `berth ui`: Source → team database,
// Test, Use; an event that a second store instance ingests (as another machine's listener would) appears
// in the timeline live, without a reload.

import { openPostgresStore } from '../../electron/core/activity/postgres/store';
import { pushRow } from '../harness/event-rows';
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
