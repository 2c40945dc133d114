// Following a service's `events.live` stream as the renderer does, collecting what arrives.

import { dispatchStream } from '../../electron/core/api/dispatch';
import type { BerthService } from '../../electron/core/service/berth-service';
import type { LiveMessage } from '../../shared/activity-api';
import type { StreamMessage } from '../../shared/api';

/** followLive starts `events.live` on a service and pushes every event message into the returned list until `signal` aborts. */
export function followLive(service: BerthService, signal: AbortSignal): LiveMessage[] {
  const live: LiveMessage[] = [];
  void dispatchStream(
    service,
    'events.live',
    {},
    (m: StreamMessage) => {
      if (m.kind === 'event') live.push(m.event as LiveMessage);
    },
    signal,
  );
  return live;
}
