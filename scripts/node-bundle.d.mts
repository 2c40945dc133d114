// Types of node-bundle.mjs for the TypeScript tests that bundle with it.
import type { BuildOptions } from 'esbuild';

/** nodeBundle returns esbuild options that bundle `entry` into `outfile` for Node 20 as CommonJS. */
export function nodeBundle(entry: string, outfile: string, version: string): BuildOptions;
