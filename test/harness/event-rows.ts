// Events as another machine's listener would store them: rows ready for a store's ingest, without HTTP.

import { randomUUID } from 'node:crypto';
import { type EventRow, toEventRow } from '../../electron/core/activity/row';

/** pushRow is the stored row of one manifest push of `repository:tag` by `actor`, received now. */
export function pushRow(repository: string, tag: string, actor: string, digest: string): EventRow {
  const id = randomUUID();
  const raw = {
    id,
    timestamp: new Date().toISOString(),
    action: 'push',
    actor: { name: actor },
    target: { repository, tag, digest, mediaType: 'application/vnd.oci.image.manifest.v1+json' },
  };
  return toEventRow({ id, action: 'push', raw }, Date.now() * 1000);
}
