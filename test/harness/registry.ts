import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { forgetOnExit, killOnExit, removeOnExit } from './exit-cleanup';
import { findFreePort } from './free-port';
import { writeHtpasswd } from './htpasswd';
import { buildRegistryConfig, type NotificationEndpoint } from './registry-config';
import { startTokenIssuer, type TokenIssuer } from './token-issuer';
import { toYaml } from './yaml';

export type { TokenIssuer } from './token-issuer';

/** RegistryAuth is how a test registry authenticates: not at all, Basic (htpasswd) or Bearer tokens. */
export type RegistryAuth = 'none' | 'htpasswd' | 'token';

/** RegistryOptions configures startRegistry; every field is optional. */
export interface RegistryOptions {
  auth?: RegistryAuth;
  /** users default to { alice: 'wonderland' } for htpasswd and token registries. */
  users?: Record<string, string>;
  /** storageDir reuses an existing storage root, which stop() leaves in place. */
  storageDir?: string;
  /** notifications is one endpoint, or several (each gets every event, from its own queue). */
  notifications?: NotificationEndpoint | NotificationEndpoint[];
  /** tokenExpiresIn is the token lifetime in seconds (token registries only), default 60. */
  tokenExpiresIn?: number;
  /** tokenDenied maps a user to resource names (`catalog`, a repository) their tokens never grant. */
  tokenDenied?: Record<string, string[]>;
  /** tls serves https with this certificate and key (PEM files); the URL then starts with https://. */
  tls?: { certPath: string; keyPath: string };
  /** logLevel is the registry's log level, default 'warn'; 'info' or 'debug' help when a test fails. */
  logLevel?: 'error' | 'warn' | 'info' | 'debug';
  /** accessLog logs every request (off by default: thousands of lines while building fixtures). */
  accessLog?: boolean;
}

/** RunningRegistry is a live docker-registry process and how to reach and stop it. */
export interface RunningRegistry {
  url: string;
  host: string;
  port: number;
  storageDir: string;
  users: Record<string, string>;
  tokenIssuer?: TokenIssuer;
  /** logs is the registry's stdout and stderr so far (the last MiB), for debugging failing tests. */
  logs(): string;
  /** stop kills the process, waits for it to exit and removes its temp dir; safe to call twice. */
  stop(): Promise<void>;
}

const REGISTRY_BIN = '/usr/bin/docker-registry';
const READY_TIMEOUT_MS = 15_000;
const MAX_LOG_CHARS = 1024 * 1024;
const BIND_ATTEMPTS = 3;

// docker-registry lets REGISTRY_* variables override its config file: drop them so tests are hermetic.
function registryEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('REGISTRY_')) env[key] = value;
  }
  return env;
}

class LogBuffer {
  private text = '';
  append(chunk: Buffer): void {
    this.text += chunk.toString('utf8');
    if (this.text.length > MAX_LOG_CHARS) this.text = this.text.slice(-MAX_LOG_CHARS);
  }
  toString(): string {
    return this.text;
  }
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

// Readiness only: a test registry's certificate is self-signed, and whether it is trusted is what tests check.
const readinessAgent = new Agent({ connect: { rejectUnauthorized: false } });

async function answersV2(url: string): Promise<boolean> {
  try {
    const res = await request(`${url}/v2/`, {
      headersTimeout: 1000,
      bodyTimeout: 1000,
      dispatcher: readinessAgent,
    });
    await res.body.dump();
    return res.statusCode === 200 || res.statusCode === 401;
  } catch {
    return false;
  }
}

type Launch = { ok: true; child: ChildProcess } | { ok: false; portTaken: boolean; error: Error };

// Starts one process on one port and waits until GET /v2/ answers, or the process dies, or time runs out.
async function launch(configPath: string, url: string, logs: LogBuffer): Promise<Launch> {
  const child = spawn(REGISTRY_BIN, ['serve', configPath], {
    env: registryEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  killOnExit(child);
  child.stdout?.on('data', (chunk: Buffer) => logs.append(chunk));
  child.stderr?.on('data', (chunk: Buffer) => logs.append(chunk));
  let exited = false;
  let spawnError: Error | undefined;
  child.once('exit', () => {
    exited = true;
  });
  child.once('error', (error) => {
    spawnError = error;
    exited = true;
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited) {
      const text = logs.toString();
      const portTaken = /address already in use/i.test(text);
      const reason = spawnError ? spawnError.message : `exited with ${child.exitCode ?? child.signalCode}`;
      return { ok: false, portTaken, error: new Error(`docker-registry ${reason}; logs:\n${text}`) };
    }
    if (await answersV2(url)) {
      // The port answered, but it may be someone else's server if ours lost the race and is dying.
      if (!exited) return { ok: true, child };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  await waitForExit(child);
  return {
    ok: false,
    portTaken: false,
    error: new Error(`docker-registry did not answer GET /v2/ within ${READY_TIMEOUT_MS} ms; logs:\n${logs}`),
  };
}

/** startRegistry runs a real docker-registry 2.8 on 127.0.0.1 with fresh or given storage and waits until it answers. */
export async function startRegistry(opts: RegistryOptions = {}): Promise<RunningRegistry> {
  const auth = opts.auth ?? 'none';
  const users = opts.users ?? (auth === 'none' ? {} : { alice: 'wonderland' });
  const tempDir = await mkdtemp(join(tmpdir(), 'berth-registry-'));
  removeOnExit(tempDir);
  const storageDir = opts.storageDir ?? join(tempDir, 'storage');
  let tokenIssuer: TokenIssuer | undefined;
  try {
    await mkdir(storageDir, { recursive: true });
    let htpasswdPath: string | undefined;
    if (auth === 'htpasswd') {
      htpasswdPath = join(tempDir, 'htpasswd');
      await writeHtpasswd(htpasswdPath, users);
    }
    if (auth === 'token') {
      tokenIssuer = await startTokenIssuer({
        users,
        dir: tempDir,
        expiresIn: opts.tokenExpiresIn ?? 60,
        ...(opts.tokenDenied ? { denied: opts.tokenDenied } : {}),
      });
    }
    const token = tokenIssuer
      ? {
          realm: tokenIssuer.realm,
          service: tokenIssuer.service,
          issuer: tokenIssuer.issuer,
          rootcertbundle: tokenIssuer.certPath,
        }
      : undefined;

    const configPath = join(tempDir, 'config.yml');
    let lastError: Error | undefined;
    for (let attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
      const port = await findFreePort();
      const config = buildRegistryConfig({
        port,
        storageDir,
        logLevel: opts.logLevel ?? 'warn',
        htpasswdPath,
        token,
        notifications: opts.notifications,
        accessLog: opts.accessLog ?? false,
        tls: opts.tls,
      });
      await writeFile(configPath, toYaml(config));
      const url = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
      const logs = new LogBuffer();
      const result = await launch(configPath, url, logs);
      if (result.ok) {
        return running({ url, port, storageDir, users, tokenIssuer, logs, tempDir, child: result.child });
      }
      lastError = result.error;
      if (!result.portTaken) break;
    }
    throw lastError ?? new Error('docker-registry did not start');
  } catch (error) {
    await tokenIssuer?.stop();
    await rm(tempDir, { recursive: true, force: true });
    forgetOnExit(tempDir);
    throw error;
  }
}

function running(parts: {
  url: string;
  port: number;
  storageDir: string;
  users: Record<string, string>;
  tokenIssuer: TokenIssuer | undefined;
  logs: LogBuffer;
  tempDir: string;
  child: ChildProcess;
}): RunningRegistry {
  let stopped: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    const exit = waitForExit(parts.child);
    parts.child.kill('SIGTERM');
    // The registry drains for a while on SIGTERM; tests want it gone now.
    const timer = setTimeout(() => parts.child.kill('SIGKILL'), 2000);
    await exit;
    clearTimeout(timer);
    await parts.tokenIssuer?.stop();
    // A caller-given storageDir lives outside tempDir, so this never removes it.
    await rm(parts.tempDir, { recursive: true, force: true });
    forgetOnExit(parts.tempDir);
  };
  const registry: RunningRegistry = {
    url: parts.url,
    host: `127.0.0.1:${parts.port}`,
    port: parts.port,
    storageDir: parts.storageDir,
    users: parts.users,
    logs: () => parts.logs.toString(),
    stop: () => {
      stopped ??= stop();
      return stopped;
    },
  };
  if (parts.tokenIssuer) registry.tokenIssuer = parts.tokenIssuer;
  return registry;
}
