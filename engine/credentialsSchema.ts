// The basic-auth block shared by the engine's listener (listen.auth), its Grafana poll (grafana) and its remote
// write (remoteWrite): one user, its password given inline or as a mounted file.
import { z } from 'zod';

export const basicAuthSchema = z
  .strictObject({
    username: z.string().regex(/^[^:]+$/, 'a non-empty user name without ":" (RFC 7617)'),
    password: z.string().min(1).optional(),
    passwordFile: z.string().min(1).optional(),
  })
  .refine((b) => (b.password === undefined) !== (b.passwordFile === undefined), {
    message: 'give exactly one of password and passwordFile',
  });
