// demo-registry: a real local registry full of example images, to try Berth without one of your own.
// Uses the test fixture (built once, cached in .cache/). Stop with Ctrl-C.

import { ensureFixtureStorage } from '../test/harness/fixtures';
import { startRegistry } from '../test/harness/registry';

const auth = process.argv.includes('--auth') ? 'htpasswd' : 'none';
process.stdout.write('demo: preparing example images (about 30 s the first time)…\n');
const storageDir = await ensureFixtureStorage();
const registry = await startRegistry({ storageDir, auth });
const login = auth === 'htpasswd' ? ' -u alice --password-stdin <<< wonderland' : '';
process.stdout.write(`
demo: a registry is running at ${registry.host}${auth === 'htpasswd' ? ' (user alice, password wonderland)' : ''}
  npx berth repos ${registry.host}${login}
  npx berth tags ${registry.host}/app${login}
  npx berth inspect ${registry.host}/multiarch:latest${login}
Press Ctrl-C to stop it.
`);
const stop = async () => {
  await registry.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
