// Where the benchmarks find what they run and where they write: one place, so a moved script moves once.

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** ROOT is the checkout the benchmarks run from. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** BERTH is the built CLI (`npm run build:cli`). */
export const BERTH = join(ROOT, 'bin', 'berth');
/** RAW_TAGS is the plain undici loop the CLI is measured against. */
export const RAW_TAGS = join(ROOT, 'test', 'bench', 'raw-tags.mjs');
/** CATALOG_CURL walks the catalog with curl, the baseline for `berth repos`. */
export const CATALOG_CURL = join(ROOT, 'test', 'bench', 'catalog-curl.sh');
/** RESULTS_DIR holds each run's JSON results. */
export const RESULTS_DIR = join(ROOT, 'test', 'bench', 'results');
