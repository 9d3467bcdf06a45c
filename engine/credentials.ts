// Secrets the engine reads from files, and the Authorization header it sends with them (to Grafana, to a
// remote-write receiver).
import { ConfigError } from './config';

/** Reads a secret file as Prometheus reads credentials_file: whole file, surrounding whitespace trimmed. */
export function readSecret(path: string, field: string, read: (p: string) => string): string {
  let text: string;
  try {
    text = read(path).trim();
  } catch (e) {
    throw new ConfigError(`${field}: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  if (text === '') {
    throw new ConfigError(`${field}: ${path} is empty`);
  }
  return text;
}

export interface OutgoingCredentials {
  bearerToken?: string;
  bearerTokenFile?: string;
  basic?: { username: string; password?: string; passwordFile?: string };
}

/** The Authorization header for these credentials (undefined without any); `secret` reads a file named by `field`. */
export function authorizationFor(
  c: OutgoingCredentials,
  secret: (path: string, field: string) => string
): string | undefined {
  if (c.basic) {
    const password = c.basic.password ?? secret(c.basic.passwordFile as string, 'basic.passwordFile');
    return `Basic ${Buffer.from(`${c.basic.username}:${password}`).toString('base64')}`;
  }
  const token = c.bearerToken ?? (c.bearerTokenFile ? secret(c.bearerTokenFile, 'bearerTokenFile') : undefined);
  return token === undefined ? undefined : `Bearer ${token}`;
}
