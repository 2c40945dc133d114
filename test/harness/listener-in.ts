// The in-process Activity listener's options for one data folder, named as Berth names its files there.

import type { ActivityListenerOptions } from '../../electron/core/activity/listener/activity-listener';
import { dataFiles } from '../../electron/core/data-paths';

/** listenerIn is where a test's listener keeps its events and secret (`dir`'s events.db and listener-secret), on any free port. */
export function listenerIn(dir: string): ActivityListenerOptions {
  const files = dataFiles(dir);
  return { dbPath: files.events, secretFile: files.listenerSecret, port: 0 };
}
