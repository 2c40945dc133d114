// A throwaway PostgreSQL cluster for tests and benchmarks: Debian's initdb and pg_ctl in a temp folder, on
// a random loopback port, trust auth, stopped and removed afterwards. One cluster per test file; each test
// takes a fresh database with createDatabase (CREATE DATABASE copies template1 in a few milliseconds).
// initdb and postgres refuse to run as root, so as root (CI) they run as the `postgres` user via runuser,
// in a folder that user owns.

import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { forgetOnExit, removeOnExit } from './exit-cleanup';
import { findFreePort } from './free-port';
import { runCommand } from './run-command';

/** PostgresOptions configure startPostgres. */
export interface PostgresOptions {
  /** durable keeps fsync on, as production runs: the bench wants it; tests do not need it (default false). */
  durable?: boolean;
  /** settings are extra postgresql.conf lines (name → value). */
  settings?: Record<string, string>;
}

/** RunningPostgres is a live throwaway cluster. */
export interface RunningPostgres {
  host: string;
  port: number;
  /** superuser is the cluster's superuser role (trust auth on loopback: no password). */
  superuser: string;
  /** url is a connection URL for a database of this cluster (default `postgres`). */
  url(database?: string, user?: string): string;
  /** createDatabase makes a fresh empty database and returns its URL. */
  createDatabase(name?: string): Promise<string>;
  /** sql runs statements as the superuser in a database (default `postgres`). */
  sql(text: string, database?: string): Promise<pg.QueryResult>;
  /**
   * passwordRole makes a login role that must give its password (scram-sha-256 over TCP, unlike the
   * trusted superuser), for tests of a wrong password; it returns the role's URL, without the password.
   */
  passwordRole(role: string, password: string, database?: string): Promise<string>;
  /** halt stops the server (fast shutdown: sessions are cut, committed work is kept) but keeps its data. */
  halt(mode?: 'fast' | 'immediate'): Promise<void>;
  /** resume starts a halted server again on the same port. */
  resume(): Promise<void>;
  /** logs is the server log so far. */
  logs(): string;
  /** stop stops the server and removes its folder; safe to call twice. */
  stop(): Promise<void>;
}

/** postgresBinDir finds Debian's PostgreSQL programs: pg_config --bindir, else the newest /usr/lib/postgresql/N/bin. */
export function postgresBinDir(): string {
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(join(dir, 'initdb'))) return dir;
  } catch {
    // pg_config is in libpq-dev, which may be missing: look where Debian puts each version.
  }
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base)
    ? readdirSync(base)
        .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(
      'PostgreSQL is not installed: run scripts/setup.sh (it installs the postgresql package).',
    );
  }
  return join(base, versions[0]!, 'bin');
}

const asRoot = process.getuid?.() === 0;

function postgresIds(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('The tests run as root, and there is no postgres user to run PostgreSQL as.');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

// A test process that dies leaves pg_ctl's daemon running; its 'exit' handler sends each postmaster
// SIGQUIT (immediate shutdown) so no cluster outlives the run.
const postmasters = new Set<number>();
process.on('exit', () => {
  for (const pid of postmasters) {
    try {
      process.kill(pid, 'SIGQUIT');
    } catch {
      // Already gone.
    }
  }
});

function postmasterPid(data: string): number {
  return Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

/** run runs a PostgreSQL program, as the postgres user when we are root. */
function run(bin: string, args: string[], timeoutMs = 60_000) {
  return asRoot
    ? runCommand('runuser', ['-u', 'postgres', '--', bin, ...args], { timeoutMs, cwd: '/' })
    : runCommand(bin, args, { timeoutMs });
}

/** startPostgres runs initdb and pg_ctl start in a fresh temp folder and waits until the server answers. */
export async function startPostgres(opts: PostgresOptions = {}): Promise<RunningPostgres> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'berth-postgres-'));
  removeOnExit(dir);
  if (asRoot) {
    const { uid, gid } = postgresIds();
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const superuser = 'postgres';
  await run(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    superuser,
    '--auth=trust',
    '--encoding=UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  const host = '127.0.0.1';
  const settings: Record<string, string> = {
    listen_addresses: `'${host}'`,
    unix_socket_directories: `'${dir}'`,
    shared_buffers: "'64MB'",
    max_connections: '60',
    fsync: opts.durable ? 'on' : 'off',
    full_page_writes: opts.durable ? 'on' : 'off',
    ...opts.settings,
  };
  const conf = Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
  let port = 0;
  let pid = 0;
  const pgCtlStart = async () => {
    await run(join(bin, 'pg_ctl'), [
      'start',
      '-w',
      '-t',
      '60',
      '-D',
      data,
      '-l',
      log,
      '-o',
      [...conf, '-p', String(port)].map((a) => (a.includes(' ') ? `"${a}"` : a)).join(' '),
    ]);
    pid = postmasterPid(data);
    postmasters.add(pid);
  };
  // The free port can be taken between the probe and the bind: try a few.
  for (let attempt = 0; ; attempt++) {
    port = await findFreePort(host);
    try {
      await pgCtlStart();
      break;
    } catch (err) {
      if (attempt >= 2) {
        rmSync(dir, { recursive: true, force: true });
        throw err;
      }
    }
  }
  const url = (database = 'postgres', user = superuser) => `postgres://${user}@${host}:${port}/${database}`;
  const sql = async (text: string, database = 'postgres') => {
    const client = new pg.Client({ connectionString: url(database) });
    await client.connect();
    try {
      return await client.query(text);
    } finally {
      await client.end();
    }
  };
  let created = 0;
  let stopped = false;
  const logs = () => (existsSync(log) ? readFileSync(log, 'utf8') : '');
  return {
    host,
    port,
    superuser,
    url,
    sql,
    async passwordRole(role, password, database = 'postgres') {
      await sql(`CREATE ROLE "${role}" LOGIN PASSWORD '${password.replace(/'/g, "''")}'`);
      // pg_hba.conf is read top down: this role's line goes before the trust lines initdb wrote.
      const hba = join(data, 'pg_hba.conf');
      const line = `host all ${role} ${host}/32 scram-sha-256\n`;
      writeFileSync(hba, line + readFileSync(hba, 'utf8'));
      await sql('SELECT pg_reload_conf()');
      // The reload is a signal the server handles soon, not at once: wait until a wrong password is refused.
      for (let i = 0; i < 100; i++) {
        const probe = new pg.Client({ host, port, user: role, password: `not-${password}`, database });
        const refused = await probe.connect().then(
          () => false,
          () => true,
        );
        await probe.end().catch(() => {});
        if (refused) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      return url(database, role);
    },
    async createDatabase(name) {
      const db = name ?? `t${process.pid}_${++created}`;
      await sql(`CREATE DATABASE "${db}"`);
      return url(db);
    },
    async halt(mode = 'fast') {
      await run(join(bin, 'pg_ctl'), ['stop', '-w', '-m', mode, '-D', data]);
      postmasters.delete(pid);
    },
    async resume() {
      await pgCtlStart();
    },
    logs,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await run(join(bin, 'pg_ctl'), ['stop', '-w', '-m', 'immediate', '-D', data]);
      } catch {
        // Already halted (a test stopped it): nothing to stop.
      }
      postmasters.delete(pid);
      rmSync(dir, { recursive: true, force: true });
      forgetOnExit(dir);
    },
  };
}
