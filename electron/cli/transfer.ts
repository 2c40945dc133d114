// `berth copy` and `berth sync`: images between registries (or repositories). Each side has its own
// credentials, TLS and http settings, and one side's login is never sent to the other.

import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { RegistryError } from '../../shared/errors';
import { parseReference, type Reference } from '../../shared/reference';
import { resolveCredentials } from '../core/credentials/resolve';
import type { Credentials } from '../core/credentials/types';
import { RegistryClient } from '../core/registry/client';
import type { TransferEndpoint } from '../core/transfer/image-copy';
import type { TagPlan } from '../core/transfer/plan';
import { copyReference, type SyncOptions, syncRepository } from '../core/transfer/sync';
import { positiveInt, readStdin } from './connect';
import { note, outJson } from './table';
import { describeResult, ProgressLine, type TransferJson, toJson } from './transfer-report';

/** TransferFlags are the options of `berth copy` and `berth sync` as commander parses them. */
export interface TransferFlags {
  json?: boolean;
  dryRun?: boolean;
  tags?: string[];
  srcUsername?: string;
  srcPasswordStdin?: boolean;
  srcInsecure?: boolean;
  srcCaFile?: string;
  destUsername?: string;
  destPasswordStdin?: boolean;
  destInsecure?: boolean;
  destCaFile?: string;
  concurrency?: string;
  timeout?: string;
  chunkSize?: string;
}

type Side = 'src' | 'dest';

/** named writes a reference back the way people type it, for the summary and --json. */
function named(ref: Reference): string {
  const tag = ref.tag ? `:${ref.tag}` : '';
  return `${ref.registry.name}/${ref.repository}${tag}${ref.digest ? `@${ref.digest}` : ''}`;
}

const SIDE_NAME: Record<Side, string> = { src: 'source', dest: 'destination' };

/**
 * sideCredentials finds one side's login: --src-username (password from --src-password-stdin or
 * BERTH_SRC_PASSWORD), then BERTH_SRC_USERNAME/BERTH_SRC_PASSWORD, then Docker's config for that host.
 * The generic BERTH_USERNAME/BERTH_PASSWORD are ignored here: they cannot say which side they are for.
 */
async function sideCredentials(side: Side, host: string, flags: TransferFlags): Promise<Credentials | null> {
  const prefix = side === 'src' ? 'BERTH_SRC' : 'BERTH_DEST';
  const username = side === 'src' ? flags.srcUsername : flags.destUsername;
  const fromStdin = side === 'src' ? flags.srcPasswordStdin : flags.destPasswordStdin;
  if (fromStdin && !username) {
    throw new RegistryError('INVALID_INPUT', `--${side}-password-stdin needs --${side}-username too.`);
  }
  let explicit: Credentials | null = null;
  if (username) {
    const password = fromStdin ? await readStdin() : process.env[`${prefix}_PASSWORD`];
    if (!password) {
      throw new RegistryError(
        'INVALID_INPUT',
        `--${side}-username needs a password: pipe it in with --${side}-password-stdin or set ${prefix}_PASSWORD. Passwords are never taken as flags, so they stay out of shell history.`,
      );
    }
    explicit = { kind: 'basic', username, password };
  } else {
    const envUser = process.env[`${prefix}_USERNAME`];
    const envPassword = process.env[`${prefix}_PASSWORD`];
    if (envUser && envPassword) explicit = { kind: 'basic', username: envUser, password: envPassword };
  }
  const env = { ...process.env };
  delete env['BERTH_USERNAME'];
  delete env['BERTH_PASSWORD'];
  const resolved = await resolveCredentials(host, {
    explicit: explicit ? { credentials: explicit } : null,
    env,
    onWarning: (m) => note(`berth: warning: ${m}`),
  });
  return resolved.credentials;
}

async function sideClient(side: Side, ref: Reference, flags: TransferFlags): Promise<RegistryClient> {
  const caFile = side === 'src' ? flags.srcCaFile : flags.destCaFile;
  let caPem: string | undefined;
  if (caFile) {
    try {
      caPem = await readFile(caFile, 'utf8');
    } catch {
      throw new RegistryError('INVALID_INPUT', `Could not read the CA certificate file "${caFile}".`);
    }
  }
  return new RegistryClient({
    registry: ref.registry,
    credentials: await sideCredentials(side, ref.registry.host, flags),
    concurrency: positiveInt(flags.concurrency, '--concurrency', 8, 256),
    timeoutMs: positiveInt(flags.timeout, '--timeout', 30, 3600) * 1000,
    ...(caPem ? { caPem } : {}),
  });
}

function parseSide(side: Side, input: string, flags: TransferFlags): Reference {
  const insecure = (side === 'src' ? flags.srcInsecure : flags.destInsecure) ?? false;
  return parseReference(input, { insecure });
}

/** withEndpoints opens a client per side, runs `fn`, and closes both however it ends. */
async function withEndpoints<T>(
  src: Reference,
  dest: Reference,
  flags: TransferFlags,
  fn: (source: TransferEndpoint, target: TransferEndpoint) => Promise<T>,
): Promise<T> {
  if (flags.srcPasswordStdin && flags.destPasswordStdin) {
    throw new RegistryError(
      'INVALID_INPUT',
      'Only one side can read its password from standard input: give the other in BERTH_SRC_PASSWORD or BERTH_DEST_PASSWORD.',
    );
  }
  const sourceClient = await sideClient('src', src, flags);
  const targetClient = await sideClient('dest', dest, flags).catch(async (err: unknown) => {
    await sourceClient.close();
    throw err;
  });
  try {
    return await fn(
      { client: sourceClient, repository: src.repository },
      { client: targetClient, repository: dest.repository },
    );
  } finally {
    await Promise.all([sourceClient.close(), targetClient.close()]);
  }
}

function options(flags: TransferFlags, progress: ProgressLine, onPlan: (plan: TagPlan) => void): SyncOptions {
  const opts: SyncOptions = {
    dryRun: flags.dryRun ?? false,
    concurrency: positiveInt(flags.concurrency, '--concurrency', 8, 256),
    onPlan: (plan) => {
      onPlan(plan);
      progress.plan(plan);
    },
    onProgress: (counts) => progress.counts(counts),
    onImage: () => progress.imageDone(),
  };
  if (flags.chunkSize !== undefined) {
    opts.chunkSize = positiveInt(flags.chunkSize, '--chunk-size', 8, 4096) * 1024 * 1024;
  }
  if (flags.tags) opts.tags = flags.tags;
  return opts;
}

function finish(json: TransferJson, flags: TransferFlags): void {
  if (flags.json) outJson(json);
  else describeResult(json);
  // A partial copy must not look like success to a script.
  if (json.failures.length > 0) process.exitCode = 1;
}

/** copy copies one tag or digest: `berth copy SRC[:TAG|@DIGEST] DST[:TAG]`. */
export async function copy(srcInput: string, destInput: string, flags: TransferFlags): Promise<void> {
  const src = parseSide('src', srcInput, flags);
  const dest = parseSide('dest', destInput, flags);
  const reference = src.digest ?? src.tag ?? 'latest';
  // The destination tag: the one given, else the source's; a source named by digest alone stays untagged.
  const targetTag = dest.tag ?? (src.digest && !src.tag ? null : (src.tag ?? 'latest'));
  const progress = new ProgressLine({ dryRun: flags.dryRun ?? false });
  const json = await withEndpoints(src, dest, flags, async (source, target) => {
    const opts = options(flags, progress, (plan) => {
      const digest = plan.copy[0]?.digest ?? plan.unchanged[0]?.digest;
      if (dest.digest && digest && dest.digest !== digest) {
        throw new RegistryError(
          'INVALID_INPUT',
          `The destination names the digest ${dest.digest}, but the source is ${digest}. A copy keeps the digest: leave the destination's digest out, or give a tag.`,
        );
      }
    });
    try {
      const result = await copyReference(source, reference, target, targetTag, opts);
      return toJson(named(src), named({ ...dest, tag: targetTag }), result, opts);
    } finally {
      progress.done();
    }
  });
  finish(json, flags);
}

/** sync copies every tag of a repository, or those matching --tags, that the destination lacks. */
export async function sync(srcInput: string, destInput: string, flags: TransferFlags): Promise<void> {
  const src = parseSide('src', srcInput, flags);
  const dest = parseSide('dest', destInput, flags);
  for (const ref of [src, dest]) {
    if (ref.tag || ref.digest) {
      throw new RegistryError(
        'INVALID_INPUT',
        `"berth sync" takes repositories without a tag: ${ref.registry.name}/${ref.repository}. To copy one tag, use "berth copy".`,
      );
    }
  }
  const progress = new ProgressLine({ dryRun: flags.dryRun ?? false });
  const json = await withEndpoints(src, dest, flags, async (source, target) => {
    const opts = options(flags, progress, () => {});
    try {
      const result = await syncRepository(source, target, opts);
      return toJson(named(src), named(dest), result, opts);
    } finally {
      progress.done();
    }
  });
  finish(json, flags);
}

function sideOptions(cmd: Command, side: Side): Command {
  const name = SIDE_NAME[side];
  const prefix = side === 'src' ? 'BERTH_SRC' : 'BERTH_DEST';
  return cmd
    .option(`--${side}-username <name>`, `sign in to the ${name} as this user (password: ${prefix}_PASSWORD)`)
    .option(`--${side}-password-stdin`, `read the ${name}'s password (or token) from standard input`)
    .option(`--${side}-insecure`, `use plain http for a ${name} registry that is not on this computer`)
    .option(`--${side}-ca-file <file>`, `trust this CA certificate (PEM) for the ${name}`);
}

function transferOptions(cmd: Command): Command {
  sideOptions(sideOptions(cmd, 'src'), 'dest');
  return cmd
    .option('--json', 'print a JSON summary for scripts')
    .option('--dry-run', 'show what would be copied, copy nothing')
    .addOption(new Option('--concurrency <n>', 'requests and images in flight at once').default('8'))
    .addOption(new Option('--timeout <seconds>', 'give up on a request after this long').default('30'))
    .option(
      '--chunk-size <MiB>',
      'send blobs in parts of this size (for proxies that cap request sizes); default: one request per blob, parts only if the registry refuses',
    );
}

const CREDENTIALS_HELP = `
Credentials for each side come from --src-username/--dest-username (password from --src-password-stdin,
--dest-password-stdin, BERTH_SRC_PASSWORD or BERTH_DEST_PASSWORD), from BERTH_SRC_USERNAME and
BERTH_SRC_PASSWORD (BERTH_DEST_… for the destination), or from Docker's config.json for each host.
One side's credentials are never sent to the other.`;

/** registerTransfer adds `berth copy` and `berth sync`. */
export function registerTransfer(program: Command): void {
  program.addCommand(
    transferOptions(
      new Command('copy')
        .argument('<source>', 'e.g. localhost:5000/app:1.0 or localhost:5000/app@sha256:…')
        .argument('<destination>', 'e.g. registry.example.com/team/app:1.0 (tag defaults to the source tag)')
        .description('copy one image (an index with every platform) to another registry or repository')
        .addHelpText('after', CREDENTIALS_HELP),
    ).action((s: string, d: string, flags: TransferFlags) => copy(s, d, flags)),
  );
  program.addCommand(
    transferOptions(
      new Command('sync')
        .argument('<source-repository>', 'e.g. localhost:5000/team/app')
        .argument('<destination-repository>', 'e.g. registry.example.com/team/app')
        .description("copy a repository's tags that the destination lacks or has at another image")
        .option('--tags <glob...>', 'only tags matching one of these globs, e.g. "1.*" "latest"')
        .addHelpText('after', CREDENTIALS_HELP),
    ).action((s: string, d: string, flags: TransferFlags) => sync(s, d, flags)),
  );
}
