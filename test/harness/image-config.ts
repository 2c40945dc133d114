/** Platform is the os/architecture(/variant) an image or index entry runs on. */
export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/** AMD64_ARM64 are the platforms of most multi-platform test images: linux/amd64 and linux/arm64/v8, in that order. */
export const AMD64_ARM64: readonly [Platform, Platform] = [
  { os: 'linux', architecture: 'amd64' },
  { os: 'linux', architecture: 'arm64', variant: 'v8' },
];

/** buildImageConfig merges overrides into a realistic image config; `config` (the runtime part) is merged one level deep. */
export function buildImageConfig(input: {
  diffIds: string[];
  created: string;
  platform: Platform;
  overrides?: Record<string, unknown>;
}): Record<string, unknown> {
  const { config: runtimeOverrides, ...overrides } = input.overrides ?? {};
  const runtime = {
    Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    Entrypoint: ['/usr/local/bin/docker-entrypoint.sh'],
    Cmd: ['serve'],
    WorkingDir: '/',
    Labels: {},
    ExposedPorts: {},
    ...(typeof runtimeOverrides === 'object' && runtimeOverrides !== null ? runtimeOverrides : {}),
  };
  const platform: Record<string, string> = {
    architecture: input.platform.architecture,
    os: input.platform.os,
  };
  if (input.platform.variant) platform['variant'] = input.platform.variant;
  return {
    created: input.created,
    ...platform,
    config: runtime,
    rootfs: { type: 'layers', diff_ids: input.diffIds },
    history: input.diffIds.map((diffId, index) => ({
      created: input.created,
      created_by: `/bin/sh -c #(nop) ADD file:${diffId.slice(7, 19)} in / # layer ${index}`,
    })),
    ...overrides,
  };
}
