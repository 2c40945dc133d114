// The CLI's commands: repos, tags, inspect. Each prints a table for people or, with --json, the stable
// shapes that scripts and benchmarks rely on.

import { RegistryError } from '../../shared/errors';
import { formatBytes, shortDigest } from '../../shared/format';
import { groupByDigest, type ImageGroup, joinNames, joinVersions } from '../../shared/grouping';
import { mediaTypeLabel } from '../../shared/media-types';
import type { ImageConfig, InspectResult, Platform, TagInfo } from '../../shared/model';
import { parseReference, parseRegistry } from '../../shared/reference';
import { compareVersions } from '../../shared/version';
import { type ConnectionFlags, connect } from './connect';
import { Progress, table } from './table';

const out = (text: string) => process.stdout.write(`${text}\n`);

/** repos lists a registry's repositories, printing each page as it arrives. */
export async function repos(target: string, flags: ConnectionFlags): Promise<void> {
  const registry = parseRegistry(target, { insecure: flags.insecure ?? false });
  const client = await connect(registry, flags);
  const progress = new Progress();
  try {
    const all: string[] = [];
    for await (const page of client.catalog()) {
      all.push(...page);
      if (!flags.json) for (const name of page) out(name);
      else progress.update('Repositories:', all.length);
    }
    progress.done();
    if (flags.json) out(JSON.stringify({ registry: registry.name, repositories: all }));
    else if (all.length === 0) process.stderr.write(`${registry.name} has no repositories yet.\n`);
  } finally {
    await client.close();
  }
}

/** TagsJson is the stable `berth tags --json` shape. */
export interface TagsJson {
  registry: string;
  repository: string;
  tags: {
    tag: string;
    digest: string | null;
    mediaType: string | null;
    error?: { code: string; message: string };
  }[];
  /** groups: one per image; `versions` are its version-like tags, `aliases` the rest (never a version). */
  groups: {
    digest: string;
    name: string;
    tags: string[];
    owner: string;
    versions: string[];
    aliases: string[];
  }[];
}

/**
 * sameImageAs writes a tag's place in its image by the naming rule: an alias points at the versions
 * (`→ 2.1 = 2.3`); a version names its sibling versions (`= 2.3`) and the aliases pointing at it
 * (`← latest, production`).
 */
export function sameImageAs(tag: string, g: ImageGroup): string {
  if (!g.versions.includes(tag)) return g.aliases.includes(tag) ? `→ ${g.name}` : '';
  const parts: string[] = [];
  const others = g.versions.filter((v) => v !== tag);
  if (others.length > 0) parts.push(`= ${joinVersions(others)}`);
  if (g.aliases.length > 0) parts.push(`← ${joinNames(g.aliases)}`);
  return parts.join('  ');
}

/** tags lists a repository's tags with their digests, and which tags are the same image. */
export async function tags(target: string, flags: ConnectionFlags): Promise<void> {
  const ref = parseReference(target, { insecure: flags.insecure ?? false });
  if (ref.tag || ref.digest) {
    throw new RegistryError(
      'INVALID_INPUT',
      `"berth tags" takes a repository without a tag: ${ref.registry.name}/${ref.repository}`,
    );
  }
  const client = await connect(ref.registry, flags);
  const progress = new Progress();
  const infos: TagInfo[] = [];
  let total = 0;
  try {
    for await (const event of client.tagEvents(ref.repository)) {
      if (event.type === 'tags') total = event.tags.length;
      else {
        const { type: _, ...info } = event;
        infos.push(info);
        progress.update('Resolving digests:', infos.length, total);
      }
    }
  } finally {
    progress.done();
    await client.close();
  }
  infos.sort((a, b) => compareVersions(a.tag, b.tag));
  const groups = groupByDigest(infos);
  const failed = infos.filter((t) => t.error);
  if (flags.json) {
    const json: TagsJson = {
      registry: ref.registry.name,
      repository: ref.repository,
      tags: infos.map(({ tag, digest, mediaType, error }) => ({
        tag,
        digest,
        mediaType,
        ...(error ? { error } : {}),
      })),
      groups: groups.map(({ digest, name, tags, owner, versions, aliases }) => ({
        digest,
        name,
        tags,
        owner,
        versions,
        aliases,
      })),
    };
    out(JSON.stringify(json));
  } else if (infos.length === 0) {
    process.stderr.write(`${ref.registry.name}/${ref.repository} has no tags.\n`);
  } else {
    const sameImage = new Map(groups.flatMap((g) => g.tags.map((t) => [t, sameImageAs(t, g)] as const)));
    const rows = infos.map((t) => [
      t.tag,
      t.digest ? shortDigest(t.digest) : 'error',
      t.error ? t.error.message : mediaTypeLabel(t.mediaType ?? undefined),
      sameImage.get(t.tag) ?? '',
    ]);
    out(table(['TAG', 'DIGEST', 'TYPE', 'SAME IMAGE AS'], rows));
    process.stderr.write(`${infos.length} tags, ${groups.length} distinct images.\n`);
  }
  if (failed.length > 0) {
    process.stderr.write(
      `berth: ${failed.length} of ${infos.length} tags could not be read (see their error).\n`,
    );
    // The listing is incomplete: say so in the exit code too, so scripts do not take it as whole.
    process.exitCode = 1;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function platformName(p: Platform | null | undefined): string {
  if (!p) return 'unknown';
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

function configLines(c: ImageConfig | null): string[] {
  if (!c) return [];
  const lines: string[] = [];
  const field = (name: string, value: string | null | undefined) => {
    if (value) lines.push(`${name.padEnd(12)}${value}`);
  };
  field('Created', c.created);
  field('Author', c.author);
  field('Entrypoint', c.entrypoint ? JSON.stringify(c.entrypoint) : null);
  field('Cmd', c.cmd ? JSON.stringify(c.cmd) : null);
  field('WorkingDir', c.workingDir);
  field('User', c.user);
  field('Ports', c.exposedPorts.join(', '));
  for (const [i, e] of c.env.entries()) field(i === 0 ? 'Env' : '', e);
  for (const [i, [k, v]] of Object.entries(c.labels).entries()) field(i === 0 ? 'Labels' : '', `${k}=${v}`);
  if (c.history.length > 0) {
    lines.push('History');
    for (const h of c.history) lines.push(`  ${h.createdBy ?? h.comment ?? '(no command recorded)'}`);
  }
  return lines;
}

function describeInspect(r: InspectResult): string {
  const ref = `${r.registry}/${r.repository}${r.tag ? `:${r.tag}` : ''}`;
  const lines = [
    `Reference   ${ref}`,
    `Digest      ${r.digest}`,
    `Type        ${mediaTypeLabel(r.mediaType)}`,
    `Platforms   ${r.platforms.map(platformName).join(', ') || 'unknown'}`,
    `Size        ${formatBytes(r.totalSize)}${r.layers.length ? ` in ${plural(r.layers.length, 'layer')}` : ''}`,
  ];
  if (r.kind === 'legacy')
    lines.push('Note        a legacy Docker schema 1 image: layer sizes are not recorded.');
  if (r.kind === 'unknown')
    lines.push('Note        Berth does not know this kind of content; only its digest is shown.');
  lines.push(...configLines(r.config));
  if (r.layers.length > 0) {
    lines.push(
      '',
      table(
        ['LAYER', 'SIZE'],
        r.layers.map((l) => [l.digest, l.size === null ? '?' : formatBytes(l.size)]),
      ),
    );
  }
  for (const m of r.manifests) {
    lines.push('', `── ${platformName(m.platform)}  ${m.digest}`);
    if (m.error) lines.push(`   could not be read: ${m.error.message}`);
    else
      lines.push(
        `   ${formatBytes(m.totalSize)} in ${plural(m.layers.length, 'layer')}${m.config?.created ? `, created ${m.config.created}` : ''}`,
      );
  }
  return lines.join('\n');
}

/** inspect shows one tag or digest in full. */
export async function inspect(target: string, flags: ConnectionFlags): Promise<void> {
  const ref = parseReference(target, { insecure: flags.insecure ?? false });
  const client = await connect(ref.registry, flags);
  try {
    const result = await client.inspect(ref.repository, ref.digest ?? ref.tag ?? 'latest');
    out(flags.json ? JSON.stringify(result) : describeInspect(result));
  } finally {
    await client.close();
  }
}
