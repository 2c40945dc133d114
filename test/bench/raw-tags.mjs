#!/usr/bin/env node
// raw-tags: the "raw limit" baseline for `berth tags`. It does the least work that answers the same question
// (every tag of a repository with its digest): one tag list, then one HEAD per tag over an undici Pool, nothing
// else (no auth probe, no retries, no grouping). It runs as its own `node` process so its start-up is counted
// the same way as the CLI's.
//
// Usage: node raw-tags.mjs <http://host:port> <repository> <Accept header> [concurrency]
// Prints {"tags":[{"tag","digest"}]} on stdout, like `berth tags --json` prints its tags, so the output
// work is comparable and the runner can check it.
import { Pool } from 'undici';

const [origin, repository, accept, concurrencyArg] = process.argv.slice(2);
if (!origin || !repository || !accept) {
  process.stderr.write('usage: raw-tags.mjs <origin> <repository> <accept> [concurrency]\n');
  process.exit(2);
}
const concurrency = Number(concurrencyArg ?? 16);

// As many connections as requests in flight, so no request waits for a socket.
const pool = new Pool(origin, { connections: concurrency });

async function tagList() {
  const res = await pool.request({
    method: 'GET',
    path: `/v2/${repository}/tags/list`,
    headers: { accept: 'application/json' },
  });
  if (res.statusCode !== 200) throw new Error(`tags/list answered ${res.statusCode}`);
  const body = await res.body.json();
  return body.tags ?? [];
}

async function head(tag) {
  const res = await pool.request({
    method: 'HEAD',
    path: `/v2/${repository}/manifests/${encodeURIComponent(tag)}`,
    headers: { accept },
  });
  // A HEAD has no body, but undici frees the connection only once the body is consumed.
  await res.body.dump();
  if (res.statusCode !== 200) throw new Error(`HEAD ${tag} answered ${res.statusCode}`);
  return { tag, digest: res.headers['docker-content-digest'] ?? null };
}

try {
  const tags = await tagList();
  const results = new Array(tags.length);
  let next = 0;
  const worker = async () => {
    while (next < tags.length) {
      const i = next++;
      results[i] = await head(tags[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tags.length) || 1 }, worker));
  process.stdout.write(`${JSON.stringify({ tags: results })}\n`);
} finally {
  await pool.close();
}
