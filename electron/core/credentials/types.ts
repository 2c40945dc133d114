/** Credentials are what we may present to a registry: a login, an OAuth2 refresh token, or a ready bearer token. */
export type Credentials =
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'identity-token'; username?: string; identityToken: string }
  | { kind: 'bearer'; token: string };

/** CredentialSource names where credentials came from, so people can tell why they were used. */
export type CredentialSource = 'explicit' | 'environment' | 'docker-config' | 'docker-helper' | 'anonymous';

/** ResolvedCredentials pairs credentials (null for anonymous) with their source. */
export interface ResolvedCredentials {
  credentials: Credentials | null;
  source: CredentialSource;
  /** detail names the file or helper, e.g. `~/.docker/config.json` or `docker-credential-pass`. */
  detail?: string;
}
