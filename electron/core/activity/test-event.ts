// The "Send test event" check: one event posted to the listener's own address with its secret, exactly
// as a registry posts, so it proves the address, the secret and the database in one go.

import { randomUUID } from 'node:crypto';
import type { TestEventResult } from '../../../shared/activity-api';
import { RegistryError } from '../../../shared/errors';
import { urlHost } from './listener/listener';

/** TEST_REPOSITORY is where test events appear in the timeline. */
export const TEST_REPOSITORY = 'berth/test-event';

/** postTestEvent posts one `test` event to http://host:port/events; a listener on every interface is reached on loopback. */
export async function postTestEvent(
  listener: { host: string; port: number },
  secret: string,
  version: string,
): Promise<TestEventResult> {
  const { host, port } = listener;
  const target = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  const id = `berth-test-${randomUUID()}`;
  const envelope = {
    events: [
      {
        id,
        timestamp: new Date().toISOString(),
        action: 'test',
        target: { repository: TEST_REPOSITORY, mediaType: 'application/vnd.berth.test-event' },
        request: { method: 'POST', useragent: `berth/${version} (test event)` },
        actor: { name: 'berth' },
        source: { instanceID: 'berth' },
      },
    ],
  };
  const started = performance.now();
  let res: Response;
  try {
    res = await fetch(`http://${urlHost(target)}:${port}/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/vnd.docker.distribution.events.v1+json',
        authorization: `Bearer ${secret}`,
      },
      body: JSON.stringify(envelope),
      signal: AbortSignal.timeout(5000),
    });
    await res.arrayBuffer();
  } catch (err) {
    throw new RegistryError(
      'CONNECTION',
      `The listener did not answer at ${urlHost(target)}:${port}. A firewall may be blocking it; try 127.0.0.1.`,
      { cause: err },
    );
  }
  if (!res.ok) {
    throw new RegistryError('PROTOCOL', `The listener refused the test event (HTTP ${res.status}).`);
  }
  return { eventId: id, roundTripMs: Math.round(performance.now() - started) };
}
