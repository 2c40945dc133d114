// One stored Activity event for the pure tests: alice's manifest push of app:1.0, each test overriding
// only the fields its case is about.

import type { ActivityEvent } from '../../shared/events';

/** activityEvent is a push of app:1.0 by alice as the store returns it, with `fields` overriding. */
export function activityEvent(fields: Partial<ActivityEvent> = {}): ActivityEvent {
  return {
    seq: 1,
    id: 'e1',
    timestamp: '',
    time: 0,
    action: 'push',
    kind: 'push',
    repository: 'app',
    tag: '1.0',
    digest: `sha256:${'a'.repeat(64)}`,
    mediaType: null,
    size: null,
    actor: 'alice',
    sourceInstance: null,
    requestHost: null,
    sourceAddr: null,
    requestId: null,
    requestMethod: 'PUT',
    userAgent: null,
    clientAddr: null,
    receivedAt: '',
    isBlob: false,
    tags: ['1.0'],
    resolution: 'registry',
    ...fields,
  };
}
