// One way for tests to build the real BerthService: memory stores unless a test names its own, no Docker
// config, no data folder. A test that checks files (settings, secrets, the activity database) passes them.

import {
  type BerthService,
  createBerthService,
  type ServiceOptions,
} from '../../electron/core/service/berth-service';
import { MemorySecretStore } from '../../electron/core/service/stores';
import { MemorySettingsStore } from './memory-settings';

/** memoryService builds a BerthService on memory settings and secrets and an empty env; `overrides` replace any option. */
export function memoryService(overrides: Partial<ServiceOptions> = {}): BerthService {
  return createBerthService({
    host: 'web',
    version: '0.0.0-test',
    settings: new MemorySettingsStore(),
    secrets: new MemorySecretStore(),
    env: {},
    ...overrides,
  });
}
