import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseBasicAuth } from './basic-auth';
import { signJwtRs256 } from './jwt';
import { createSelfSignedCert } from './self-signed-cert';
import { grantAccess } from './token-scope';

/** TokenIssuer is a running Docker token-auth server (the `realm` of a Bearer challenge) for tests. */
export interface TokenIssuer {
  url: string;
  realm: string;
  service: string;
  issuer: string;
  /** certPath is the PEM certificate the registry trusts as its rootcertbundle. */
  certPath: string;
  /** requests is every token request in order, failed ones included, for assertions. */
  requests: { url: string; authorization?: string }[];
  /** failNext makes the next `count` (default 1) token requests answer `status`. */
  failNext(status: number, count?: number): void;
  stop(): Promise<void>;
}

/** TokenIssuerOptions configures startTokenIssuer. */
export interface TokenIssuerOptions {
  users: Record<string, string>;
  /** dir receives the key and certificate; the caller owns and removes it. */
  dir: string;
  expiresIn?: number;
  service?: string;
  issuer?: string;
  /** denied maps a user to resource names left out of their tokens (`catalog`, a repository name). */
  denied?: Record<string, string[]>;
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function unauthorized(res: ServerResponse, status: number, message: string): void {
  sendJson(
    res,
    status,
    { errors: [{ code: 'UNAUTHORIZED', message }] },
    {
      'www-authenticate': 'Basic realm="berth-test-issuer"',
    },
  );
}

/** startTokenIssuer serves GET /token on a random 127.0.0.1 port, signing RS256 JWTs the registry verifies via x5c. */
export async function startTokenIssuer(opts: TokenIssuerOptions): Promise<TokenIssuer> {
  const service = opts.service ?? 'berth-test-registry';
  const issuer = opts.issuer ?? 'berth-test-issuer';
  const expiresIn = opts.expiresIn ?? 60;
  const cert = await createSelfSignedCert(opts.dir, issuer);
  const requests: TokenIssuer['requests'] = [];
  const failures: number[] = [];

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const authorization = req.headers.authorization;
    requests.push(
      authorization === undefined ? { url: req.url ?? '' } : { url: req.url ?? '', authorization },
    );
    const failure = failures.shift();
    if (failure !== undefined) {
      sendJson(res, failure, { errors: [{ code: 'UNAVAILABLE', message: `scripted failure ${failure}` }] });
      return;
    }
    if (req.method !== 'GET' || url.pathname !== '/token') {
      sendJson(res, 404, { errors: [{ code: 'NOT_FOUND', message: 'only GET /token is served' }] });
      return;
    }
    let subject = '';
    if (authorization !== undefined) {
      const credentials = parseBasicAuth(authorization);
      // Compare as strings: a user named like an Object.prototype key must not match.
      const known = credentials ? Object.hasOwn(opts.users, credentials.username) : false;
      if (!credentials || !known || opts.users[credentials.username] !== credentials.password) {
        unauthorized(res, 401, 'invalid username or password');
        return;
      }
      subject = credentials.username;
    }
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: issuer,
      sub: subject,
      aud: service,
      exp: now + expiresIn,
      // A little slack so a registry whose clock reads a bit behind ours still accepts the token.
      nbf: now - 5,
      iat: now,
      jti: randomUUID(),
      access: grantAccess(
        url.searchParams.getAll('scope'),
        subject !== '',
        Object.hasOwn(opts.denied ?? {}, subject) ? opts.denied?.[subject] : [],
      ),
    };
    const token = signJwtRs256(claims, cert.keyPem, [cert.certDerBase64]);
    sendJson(res, 200, {
      token,
      access_token: token,
      expires_in: expiresIn,
      issued_at: new Date(now * 1000).toISOString(),
    });
  };

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  let stopped: Promise<void> | undefined;

  return {
    url,
    realm: `${url}/token`,
    service,
    issuer,
    certPath: cert.certPath,
    requests,
    failNext(status: number, count = 1): void {
      for (let i = 0; i < count; i++) failures.push(status);
    },
    stop(): Promise<void> {
      stopped ??= new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      return stopped;
    },
  };
}
