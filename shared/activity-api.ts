// The Activity screen's part of the contract: argument schemas and result types of the event and listener
// calls. shared/api.ts lists them; electron/core/service/activity.ts implements them.

import { z } from 'zod';
import { MAX_ACTOR_LENGTH } from './activity';
import { type ActivityEvent, EVENT_KINDS, type HistogramBucket, MAX_PAGE } from './events';
import { REPOSITORY_RE, TAG_RE } from './reference';

/** MAX_TIME bounds times in arguments (epoch ms): the year 2500 is far enough. */
const MAX_TIME = 16_725_225_600_000;

const time = z.number().int('a time is whole milliseconds').min(0).max(MAX_TIME);
const repository = z.string().max(255).regex(REPOSITORY_RE, 'not a valid repository name');
const tag = z.string().max(128).regex(TAG_RE, 'not a valid tag');
const actor = z
  .string()
  .min(1)
  .max(MAX_ACTOR_LENGTH)
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'a user name is one line of text');
const kind = z.enum([...EVENT_KINDS, 'other']);

const filterFields = {
  repository: repository.optional(),
  tag: tag.optional(),
  actor: actor.optional(),
  actions: z.array(kind).min(1).max(6).optional(),
  since: time.optional(),
  until: time.optional(),
  includeBlobs: z.boolean().optional(),
  berthReads: z.enum(['hide', 'only']).optional(),
};

const ordered = (a: { since?: number | undefined; until?: number | undefined }) =>
  a.since === undefined || a.until === undefined || a.since < a.until;
const orderMessage = { message: 'since must come before until', path: ['until'] };

/** EventsQueryArgs asks for one timeline page, newest first; cursor is the previous page's nextCursor. */
export const EventsQueryArgs = z
  .object({
    ...filterFields,
    limit: z.number().int().min(1).max(MAX_PAGE).optional(),
    cursor: z
      .string()
      .max(40)
      .regex(/^\d{1,17}\.\d{1,17}$/, 'not a cursor Berth gave out')
      .optional(),
  })
  .strict()
  .refine(ordered, orderMessage);

/** MAX_BARS bounds a histogram's bars. */
export const MAX_BARS = 500;

/** EventsHistogramArgs counts events over [since, until) in at most `bars` round-width buckets. */
export const EventsHistogramArgs = z
  .object({
    ...filterFields,
    since: time,
    until: time,
    bars: z.number().int().min(1).max(MAX_BARS).optional(),
  })
  .strict()
  .refine(ordered, orderMessage);

/** EventsCountArgs counts the events a filter selects (the timeline's "12 events, 10 of them Berth's"). */
export const EventsCountArgs = z.object(filterFields).strict().refine(ordered, orderMessage);

/** EventsTagHistoryArgs asks for the moves of a repository's tags, of one tag, or (neither) of every repository. */
export const EventsTagHistoryArgs = z
  .object({
    repository: repository.optional(),
    tag: tag.optional(),
    limit: z.number().int().min(1).max(500).optional(),
  })
  .strict()
  .refine((a) => a.tag === undefined || a.repository !== undefined, {
    message: 'a tag needs its repository',
    path: ['repository'],
  });

/** LISTENER_HOST_RE admits IP literals and `localhost`; the service checks they belong to this computer. */
const LISTENER_HOST_RE = /^(localhost|\d{1,3}(\.\d{1,3}){3}|[0-9A-Fa-f:.]{2,45})$/;

/** ListenerStartArgs: where to listen. Anything but loopback needs allowLan, the explicit opt-in. */
export const ListenerStartArgs = z
  .object({
    host: z
      .string()
      .trim()
      .max(45)
      .transform((h) => h.replace(/^\[(.*)\]$/, '$1'))
      .pipe(z.string().regex(LISTENER_HOST_RE, 'not an IP address of this computer'))
      .optional(),
    port: z.number().int('a port is a whole number').min(0).max(65535).optional(),
    allowLan: z.boolean().optional(),
    /** store: this computer's events.db, or the team database chosen as the Activity source. */
    store: z.enum(['local', 'team']).optional(),
  })
  .strict();

/** ListenerConfigureArgs: after how many minutes of silence to warn (0: never). */
export const ListenerConfigureArgs = z.object({ quietMinutes: z.number().int().min(0).max(10_080) }).strict();

/** NetworkAddress is one address of this computer the listener could listen on. */
export interface NetworkAddress {
  name: string;
  address: string;
  family: 'IPv4' | 'IPv6';
  internal: boolean;
}

/** ListenerRejection is the last request the listener turned away, for the setup help. */
export interface ListenerRejection {
  status: number;
  reason: string;
  at: string;
}

/** ListenerStatus is what the Activity screen shows about the listener; never the secret. */
export interface ListenerStatus {
  running: boolean;
  /** url is the address to give the registry (for all interfaces: this computer's LAN address). */
  url: string | null;
  host: string;
  port: number;
  allowLan: boolean;
  /** lan says the listener is (or would be) reachable from other computers. */
  lan: boolean;
  startedAt: string | null;
  /** lastEventAt is when the newest stored event arrived, from any listener on this database. */
  lastEventAt: string | null;
  /** storedTotal counts every event in the database, blobs included. */
  storedTotal: number;
  storedThisRun: number;
  rejectedThisRun: number;
  lastRejection: ListenerRejection | null;
  quietMinutes: number;
  /** secretExists is false before the first start makes one. */
  secretExists: boolean;
  addresses: NetworkAddress[];
  dbPath: string;
  /** store is where the listener stores (or, off, would store): this computer, or the team database. */
  store: 'local' | 'team';
  /** source is what the Activity screen reads, so the header can say when the two differ. */
  source: 'local' | 'team';
}

/** ListenerStarted is the status after a start, and the secret when it was just made (shown once). */
export interface ListenerStarted {
  status: ListenerStatus;
  secret: string | null;
}

/** SecretRotated carries a new secret, shown once; the old one stops working at once. */
export interface SecretRotated {
  status: ListenerStatus;
  secret: string;
}

/** TestEventResult says the listener took a test event through its own address and stored it. */
export interface TestEventResult {
  eventId: string;
  /** roundTripMs is how long the POST took, storage included. */
  roundTripMs: number;
}

/** HistogramResult is the filled-in histogram: every bucket from since to until, width `bucket` ms. */
export interface HistogramResult {
  bucket: number;
  since: number;
  until: number;
  buckets: HistogramBucket[];
}

/** LiveMessage is one message of the `events.live` stream: newly stored events, or a new status. */
export type LiveMessage =
  | { type: 'events'; events: ActivityEvent[] }
  | { type: 'status'; status: ListenerStatus };

/** EMPTY_ARGS takes no arguments. */
export const EMPTY_ARGS = z.object({}).strict();
