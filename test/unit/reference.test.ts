import { describe, expect, it } from 'vitest';
import { RegistryError } from '../../shared/errors';
import { isLoopbackHost, parseReference, parseRegistry } from '../../shared/reference';

const D = `sha256:${'a'.repeat(64)}`;

describe('parseReference', () => {
  it.each([
    ['localhost:5000/app:1.0', 'http', 'localhost:5000', 'app', '1.0', null],
    ['127.0.0.1:5000/team/sub/app', 'http', '127.0.0.1:5000', 'team/sub/app', null, null],
    [`registry.example.com/team/app@${D}`, 'https', 'registry.example.com', 'team/app', null, D],
    [`registry.example.com/team/app:2.0@${D}`, 'https', 'registry.example.com', 'team/app', '2.0', D],
    ['http://10.0.0.5:5000/app:latest', 'http', '10.0.0.5:5000', 'app', 'latest', null],
    ['https://localhost:5000/app', 'https', 'localhost:5000', 'app', null, null],
    ['[::1]:5000/app:v1', 'http', '[::1]:5000', 'app', 'v1', null],
    ['nginx', 'https', 'registry-1.docker.io', 'library/nginx', null, null],
    ['nginx:1.25', 'https', 'registry-1.docker.io', 'library/nginx', '1.25', null],
    ['bitnami/redis:7', 'https', 'registry-1.docker.io', 'bitnami/redis', '7', null],
    ['docker.io/library/alpine:3', 'https', 'registry-1.docker.io', 'library/alpine', '3', null],
    ['registry-1.docker.io/alpine', 'https', 'registry-1.docker.io', 'library/alpine', null, null],
    ['localhost/app', 'http', 'localhost', 'app', null, null],
    ['Registry.Example.com:443/app', 'https', 'registry.example.com:443', 'app', null, null],
  ])('%s', (input, scheme, host, repository, tag, digest) => {
    const ref = parseReference(input);
    expect(ref.registry.scheme).toBe(scheme);
    expect(ref.registry.host).toBe(host);
    expect(ref.repository).toBe(repository);
    expect(ref.tag).toBe(tag);
    expect(ref.digest).toBe(digest);
  });

  it('uses http for a remote host only when asked', () => {
    expect(parseReference('registry.example.com/app', { insecure: true }).registry.origin).toBe(
      'http://registry.example.com',
    );
  });

  it('names Docker Hub docker.io, its library repositories in full', () => {
    const ref = parseReference('nginx:1');
    expect(`${ref.registry.name}/${ref.repository}:${ref.tag}`).toBe('docker.io/library/nginx:1');
  });

  it.each([
    ['', 'empty'],
    ['localhost:5000/', 'no repository'],
    ['localhost:5000/App', 'not a valid repository name'],
    ['localhost:5000/app:bad tag', 'not a valid'],
    [`localhost:5000/app:${'x'.repeat(129)}`, 'not a valid tag'],
    ['localhost:5000/app@sha256:xyz', 'not a valid digest'],
    ['ftp://host/app', 'unsupported scheme'],
    ['localhost:99999/app', 'port out of range'],
  ])('rejects %j with a clear message', (input, message) => {
    const err = (() => {
      try {
        parseReference(input);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).code).toBe('INVALID_INPUT');
    expect((err as RegistryError).message).toContain(message);
  });
});

describe('parseRegistry', () => {
  it.each([
    ['localhost:5000', 'http://localhost:5000', 'localhost:5000'],
    ['https://registry.example.com/', 'https://registry.example.com', 'registry.example.com'],
    ['http://registry.example.com', 'http://registry.example.com', 'registry.example.com'],
    ['docker.io', 'https://registry-1.docker.io', 'docker.io'],
    ['[::1]:5000', 'http://[::1]:5000', '[::1]:5000'],
  ])('%s', (input, origin, name) => {
    const r = parseRegistry(input);
    expect(r.origin).toBe(origin);
    expect(r.name).toBe(name);
  });

  it('tells an image from a registry', () => {
    expect(() => parseRegistry('localhost:5000/app')).toThrow(/looks like an image/);
  });

  it('knows loopback hosts', () => {
    const hosts = ['127.0.0.2:80', '[::1]:5000', 'localhost', 'localhost.example.com', '10.0.0.1'];
    expect(hosts.filter((h) => isLoopbackHost(h))).toEqual(['127.0.0.2:80', '[::1]:5000', 'localhost']);
  });
});
