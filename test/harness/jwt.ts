import { createSign, type KeyObject } from 'node:crypto';

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

/** signJwtRs256 signs claims as a compact RS256 JWS whose header carries the x5c chain distribution verifies. */
export function signJwtRs256(claims: object, privateKey: string | KeyObject, x5c: string[]): string {
  const header = { typ: 'JWT', alg: 'RS256', x5c };
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = createSign('RSA-SHA256').update(input).sign(privateKey);
  return `${input}.${base64url(signature)}`;
}
