// Docker credential helpers: `docker-credential-<name> get`, server URL on stdin,
// `{"ServerURL","Username","Secret"}` on stdout. Username `<token>` means Secret is an identity token.

import { spawn } from 'node:child_process';
import type { Credentials } from './types';

const HELPER_TIMEOUT_MS = 10_000;
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** runCredentialHelper asks a helper for a server's login; null when it has none, cannot run, or fails. */
export function runCredentialHelper(
  name: string,
  serverUrl: string,
  opts: { env?: NodeJS.ProcessEnv; onWarning?: (message: string) => void } = {},
): Promise<Credentials | null> {
  const warn = (m: string) => opts.onWarning?.(m);
  if (!NAME_RE.test(name)) {
    warn(`Ignored the credential helper "${name}": not a valid helper name.`);
    return Promise.resolve(null);
  }
  const program = `docker-credential-${name}`;
  return new Promise((resolve) => {
    let out = '';
    let err = '';
    // A helper that cannot start emits 'error' and then 'close' (code -2, no output): only the first
    // of them speaks, or people get the clear warning followed by an empty "failed:" one.
    let settled = false;
    const settle = (creds: Credentials | null, warning?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (warning) warn(warning);
      resolve(creds);
    };
    const child = spawn(program, ['get'], { env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle(
        null,
        `${program} did not answer within ${HELPER_TIMEOUT_MS / 1000} s; continuing without its login.`,
      );
    }, HELPER_TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (out.length < 1024 * 1024) out += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (err.length < 4096) err += d;
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      settle(
        null,
        e.code === 'ENOENT'
          ? `Docker's config names the credential helper ${program}, but it is not installed (not found on PATH); continuing without a saved login for ${serverUrl}.`
          : `The credential helper ${program} could not be started (${e.code ?? e.message}); continuing without a saved login for ${serverUrl}.`,
      );
    });
    child.on('close', (code) => {
      if (settled) return;
      if (code !== 0) {
        // "credentials not found in native keychain" is the protocol's normal "no login" answer.
        const said = (out + err).trim().slice(0, 200);
        if (/not found/i.test(said)) return settle(null);
        return settle(
          null,
          said
            ? `${program} failed: ${said}`
            : `${program} failed without saying why (exit code ${code}); continuing without its login.`,
        );
      }
      try {
        const parsed = JSON.parse(out) as { Username?: unknown; Secret?: unknown };
        const username = typeof parsed.Username === 'string' ? parsed.Username : '';
        const secret = typeof parsed.Secret === 'string' ? parsed.Secret : '';
        if (!secret) return settle(null);
        settle(
          username === '<token>'
            ? { kind: 'identity-token', identityToken: secret }
            : { kind: 'basic', username, password: secret },
        );
      } catch {
        settle(null, `${program} answered something that is not JSON; continuing without its login.`);
      }
    });
    child.stdin.on('error', () => {}); // a helper that exits before reading stdin is reported by 'close'
    child.stdin.end(serverUrl);
  });
}
