// Authentication of the engine's HTTP endpoints: the credentials of `listen.auth` (read once at start-up, files
// included) and a constant-time check of a request's Authorization header. Secrets never reach a log or a body.
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { EngineConfig } from './config';
import { readSecret } from './credentials';

export type ListenAuth = NonNullable<EngineConfig['listen']['auth']>;

/** What a request must present, kept only as a SHA-256 digest. */
export interface RequiredCredentials {
  scheme: 'Bearer' | 'Basic';
  digest: Buffer;
}

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest();

/** The credentials a configuration requires, or undefined when `listen.auth` is not set (open endpoints). */
export function requiredCredentials(
  auth: ListenAuth | undefined,
  read: (path: string) => string = (p) => readFileSync(p, 'utf8')
): RequiredCredentials | undefined {
  if (!auth) {
    return undefined;
  }
  if (auth.basic) {
    const { username, password, passwordFile } = auth.basic;
    const secret = password ?? readSecret(passwordFile as string, 'listen.auth.basic.passwordFile', read);
    return { scheme: 'Basic', digest: sha256(`${username}:${secret}`) };
  }
  const token = auth.bearerToken ?? readSecret(auth.bearerTokenFile as string, 'listen.auth.bearerTokenFile', read);
  return { scheme: 'Bearer', digest: sha256(token) };
}

/**
 * Whether an Authorization header carries the required credentials. Both sides are hashed to equal-length
 * digests before timingSafeEqual, so neither the content nor the length of the secret leaks through timing.
 */
export function isAuthorized(header: string | undefined, required: RequiredCredentials): boolean {
  if (typeof header !== 'string') {
    return false;
  }
  const space = header.indexOf(' ');
  if (space < 0 || header.slice(0, space).toLowerCase() !== required.scheme.toLowerCase()) {
    return false;
  }
  const value = header.slice(space + 1).trim();
  // Basic credentials arrive as base64 of "user:password" (Buffer.from never throws on bad base64).
  const presented = required.scheme === 'Basic' ? Buffer.from(value, 'base64') : value;
  return timingSafeEqual(sha256(presented), required.digest);
}

/** The challenge sent with a 401, so clients know which scheme to use. */
export function challenge(required: RequiredCredentials): string {
  return `${required.scheme} realm="ecoti-engine"`;
}
