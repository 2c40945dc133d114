// nodeBundle is the esbuild setup of a Berth entry bundled for plain Node: one CommonJS file with the
// app's version baked in. The CLI's build and the main-process wiring test bundle the same way, so the
// test checks what the build makes.

/**
 * nodeBundle returns esbuild options that bundle `entry` into `outfile` for Node 20 as CommonJS, with
 * BERTH_VERSION defined as `version`; callers add what is theirs (externals, source maps, plugins).
 */
export function nodeBundle(entry, outfile, version) {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    define: { BERTH_VERSION: JSON.stringify(version) },
  };
}
