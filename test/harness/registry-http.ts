import { request } from 'undici';
import { parseAuthChallenge } from './auth-challenge';
import { basicAuthHeader } from './basic-auth';

/** PushAuth is a username and password; sent as Basic, or traded for a token when the registry asks for Bearer. */
export interface PushAuth {
  username: string;
  password: string;
}

/** RegistryResponse is a fully read response. */
export interface RegistryResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

// Tokens by realm, service, scope and user, so a thousand pushes to a token registry fetch a handful of tokens.
const tokens = new Map<string, { token: string; expiresAt: number }>();

function headerValue(headers: RegistryResponse['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function send(
  method: string,
  url: string,
  headers: Record<string, string>,
  body: Uint8Array | undefined,
): Promise<RegistryResponse> {
  const res = await request(url, { method: method as 'GET', headers, body });
  const bytes = Buffer.from(await res.body.arrayBuffer());
  return { status: res.statusCode, headers: res.headers, body: bytes };
}

async function fetchToken(params: Record<string, string>, auth: PushAuth | undefined): Promise<string> {
  const realm = params['realm'];
  if (!realm) throw new Error('Bearer challenge without realm');
  const scopes = (params['scope'] ?? '').split(' ').filter((scope) => scope !== '');
  const key = JSON.stringify([realm, params['service'], scopes, auth?.username]);
  const cached = tokens.get(key);
  if (cached && cached.expiresAt > Date.now()) return cached.token;
  const tokenUrl = new URL(realm);
  if (params['service']) tokenUrl.searchParams.set('service', params['service']);
  for (const scope of scopes) tokenUrl.searchParams.append('scope', scope);
  const headers: Record<string, string> = auth ? { authorization: basicAuthHeader(auth) } : {};
  const res = await send('GET', tokenUrl.toString(), headers, undefined);
  if (res.status !== 200) throw new Error(`token request ${tokenUrl} answered ${res.status}: ${res.body}`);
  const answer = JSON.parse(res.body.toString('utf8')) as {
    token?: string;
    access_token?: string;
    expires_in?: number;
  };
  const token = answer.token ?? answer.access_token;
  if (!token) throw new Error(`token response without token: ${res.body}`);
  // Refresh a little early so a token never expires between cache lookup and use.
  tokens.set(key, { token, expiresAt: Date.now() + ((answer.expires_in ?? 60) - 10) * 1000 });
  return token;
}

/** registryRequest sends one request with Basic credentials, retrying once with a Bearer token if challenged for one. */
export async function registryRequest(
  method: string,
  url: string,
  opts: { headers?: Record<string, string>; body?: Uint8Array; auth?: PushAuth | undefined } = {},
): Promise<RegistryResponse> {
  const headers = { ...opts.headers };
  if (opts.auth) headers['authorization'] = basicAuthHeader(opts.auth);
  const first = await send(method, url, headers, opts.body);
  if (first.status !== 401) return first;
  const challenge = parseAuthChallenge(headerValue(first.headers, 'www-authenticate'));
  if (challenge?.scheme.toLowerCase() !== 'bearer') return first;
  const token = await fetchToken(challenge.params, opts.auth);
  return await send(method, url, { ...headers, authorization: `Bearer ${token}` }, opts.body);
}

/** expectStatus throws a readable error unless the response has one of the wanted statuses. */
export function expectStatus(res: RegistryResponse, wanted: number[], what: string): RegistryResponse {
  if (!wanted.includes(res.status)) {
    throw new Error(
      `${what}: expected ${wanted.join(' or ')}, got ${res.status}: ${res.body.toString('utf8')}`,
    );
  }
  return res;
}

/** responseHeader reads one response header as a single string. */
export function responseHeader(res: RegistryResponse, name: string): string | undefined {
  return headerValue(res.headers, name.toLowerCase());
}
