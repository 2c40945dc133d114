import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from './run-command';

/** SelfSignedCert is an RSA key and the self-signed certificate that carries its public half. */
export interface SelfSignedCert {
  keyPath: string;
  certPath: string;
  keyPem: string;
  /** certDer is the DER bytes, base64 (standard alphabet) as a JWT x5c entry wants them. */
  certDerBase64: string;
}

/** createSelfSignedCert generates an RSA 2048 key and a 2-day self-signed certificate with the openssl CLI. */
export async function createSelfSignedCert(dir: string, commonName: string): Promise<SelfSignedCert> {
  const keyPath = join(dir, 'token-key.pem');
  const certPath = join(dir, 'token-cert.pem');
  await runCommand('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    keyPath,
    '-out',
    certPath,
    '-days',
    '2',
    '-subj',
    `/CN=${commonName}`,
  ]);
  const [keyPem, certPem] = await Promise.all([readFile(keyPath, 'utf8'), readFile(certPath, 'utf8')]);
  const certDerBase64 = new X509Certificate(certPem).raw.toString('base64');
  return { keyPath, certPath, keyPem, certDerBase64 };
}
