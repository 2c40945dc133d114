// The Activity screen's source: this computer's own events.db, or a team PostgreSQL database. The
// password travels only from the renderer to the engine (kept in the SecretStore), never back.

import { z } from 'zod';

const teamUrl = z
  .string()
  .trim()
  .min(1, 'the address is empty')
  .max(1000)
  .regex(/^postgres(ql)?:\/\//i, 'a team database address starts with postgres://');

/** ActivitySourceArgs choose the source; `password` undefined keeps the saved one, null removes it. */
export const ActivitySourceArgs = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local') }).strict(),
  z
    .object({
      kind: z.literal('team'),
      url: teamUrl,
      password: z.string().max(4096).nullable().optional(),
    })
    .strict(),
]);

/** ActivitySource is the chosen source as the renderer sees it: the URL has no password in it. */
export type ActivitySource = { kind: 'local' } | { kind: 'team'; url: string; passwordSaved: boolean };

/** SourceTestResult is what "Test" found: the database answered and holds this many events. */
export interface SourceTestResult {
  location: string;
  total: number;
}
