/** AuthChallenge is a parsed WWW-Authenticate header: the scheme and its key="value" parameters. */
export interface AuthChallenge {
  scheme: string;
  params: Record<string, string>;
}

/** parseAuthChallenge reads one challenge such as `Bearer realm="…",service="…",scope="…"`. */
export function parseAuthChallenge(header: string | undefined): AuthChallenge | undefined {
  const match = /^\s*(\S+)\s*(.*)$/.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const params: Record<string, string> = {};
  for (const param of (match[2] ?? '').matchAll(/([A-Za-z0-9_-]+)="((?:[^"\\]|\\.)*)"/g)) {
    if (param[1] && param[2] !== undefined) params[param[1].toLowerCase()] = param[2].replace(/\\(.)/g, '$1');
  }
  return { scheme: match[1], params };
}
