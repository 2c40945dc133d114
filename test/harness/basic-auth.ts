/** BasicCredentials is a username and password taken from or put into an Authorization header. */
export interface BasicCredentials {
  username: string;
  password: string;
}

/** basicAuthHeader encodes credentials as an `Authorization: Basic` value. */
export function basicAuthHeader(credentials: BasicCredentials): string {
  return 'Basic ' + Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
}

/** parseBasicAuth reads an `Authorization: Basic` value; anything else gives undefined. */
export function parseBasicAuth(header: string | undefined): BasicCredentials | undefined {
  const match = /^Basic\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
