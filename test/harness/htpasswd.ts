import { writeFile } from 'node:fs/promises';
import { runCommand } from './run-command';

/** writeHtpasswd writes a bcrypt htpasswd file (the only hash distribution accepts) for the users. */
export async function writeHtpasswd(path: string, users: Record<string, string>): Promise<void> {
  const entries: string[] = [];
  for (const [user, password] of Object.entries(users)) {
    // -B bcrypt, -b password from argv, -n print instead of editing a file.
    const { stdout } = await runCommand('htpasswd', ['-Bbn', user, password]);
    entries.push(stdout.trim());
  }
  await writeFile(path, entries.join('\n') + '\n', { mode: 0o600 });
}
