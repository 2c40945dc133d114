import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pushImage } from './push';
import { type RunningRegistry, startRegistry } from './registry';
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

/** ServerCert is a self-signed certificate for 127.0.0.1 (also as subjectAltName, as TLS clients check). */
export interface ServerCert {
  keyPath: string;
  certPath: string;
  certPem: string;
}

/** createServerCert makes a 2-day self-signed certificate for 127.0.0.1, as a registry would serve one. */
export async function createServerCert(dir: string): Promise<ServerCert> {
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  await runCommand('openssl', [
    ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1'],
    ...['-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyPath, '-out', certPath],
  ]);
  return { keyPath, certPath, certPem: await readFile(certPath, 'utf8') };
}

/**
 * startSelfSignedRegistry serves one storage twice: over plain http to push `app:1.0`, then over https
 * with a self-signed certificate for the code under test to read. The plain one is returned too.
 */
export async function startSelfSignedRegistry(
  dir: string,
): Promise<{ tls: RunningRegistry; plain: RunningRegistry }> {
  const cert = await createServerCert(dir);
  const storageDir = join(dir, 'storage');
  const plain = await startRegistry({ storageDir });
  await pushImage(plain.url, 'app', { tags: ['1.0'], config: { created: '2026-01-01T00:00:00Z' } });
  const tls = await startRegistry({ storageDir, tls: { certPath: cert.certPath, keyPath: cert.keyPath } });
  return { tls, plain };
}
