import { dockerCredentials } from './docker-config';
import type { CredentialSource, Credentials, ResolvedCredentials } from './types';

/**
 * resolveCredentials picks the login for a registry host, in order: given explicitly (flag, vault),
 * from the environment, from Docker's config and helpers, else anonymous.
 */
export async function resolveCredentials(
  host: string,
  opts: {
    explicit?: { credentials: Credentials; source?: CredentialSource } | null;
    env?: NodeJS.ProcessEnv;
    useDockerConfig?: boolean;
    onWarning?: (message: string) => void;
  } = {},
): Promise<ResolvedCredentials> {
  if (opts.explicit)
    return { credentials: opts.explicit.credentials, source: opts.explicit.source ?? 'explicit' };
  const env = opts.env ?? process.env;
  const username = env['BERTH_USERNAME'];
  const password = env['BERTH_PASSWORD'];
  if (username && password)
    return { credentials: { kind: 'basic', username, password }, source: 'environment' };
  if (opts.useDockerConfig !== false) {
    const fromDocker = await dockerCredentials(host, {
      env,
      ...(opts.onWarning ? { onWarning: opts.onWarning } : {}),
    });
    if (fromDocker) return fromDocker;
  }
  return { credentials: null, source: 'anonymous' };
}
