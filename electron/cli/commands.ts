// The CLI's listing commands: repos and tags (inspect lives in inspect.ts). Each prints a table for
// people or, with --json, the stable shapes that scripts and benchmarks rely on.

import { tagRoles } from '../../shared/alias-diagram';
import { describeArtifactTag } from '../../shared/artifacts';
import { RegistryError } from '../../shared/errors';
import { shortDigest } from '../../shared/format';
import { groupByDigest, imageCount } from '../../shared/grouping';
import { mediaTypeLabel } from '../../shared/media-types';
import type { TagInfo } from '../../shared/model';
import { plural } from '../../shared/plural';
import { parseReference, parseRegistry } from '../../shared/reference';
import { visibleText } from '../../shared/safe-text';
import { sameImageAs } from '../../shared/same-image';
import { compareVersions } from '../../shared/version';
import { type ConnectionFlags, connect } from './connect';
import { note, out, outJson, Progress, table } from './table';

/** repos lists a registry's repositories, printing each page as it arrives. */
export async function repos(target: string, flags: ConnectionFlags): Promise<void> {
  const registry = parseRegistry(target, { insecure: flags.insecure ?? false });
  const client = await connect(registry, flags);
  const progress = new Progress();
  try {
    const all: string[] = [];
    for await (const page of client.catalog()) {
      all.push(...page);
      // One name per line: a name carrying a newline must not pass for two repositories.
      if (!flags.json) for (const name of page) out(visibleText(name));
      else progress.update('Repositories:', all.length);
    }
    progress.done();
    if (flags.json) outJson({ registry: registry.name, repositories: all });
    else if (all.length === 0) note(`${registry.name} has no repositories yet.`);
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
  /**
   * groups: one per digest; `versions` are its version-like tags, `aliases` the rest (never a version),
   * `artifacts` its artifact tags (`sha256-<hex>.sig`); `artifact` marks a digest only those name.
   */
  groups: {
    digest: string;
    name: string;
    tags: string[];
    owner: string;
    versions: string[];
    aliases: string[];
    artifacts: string[];
    artifact: boolean;
  }[];
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
      groups: groups.map(({ digest, name, tags, owner, versions, aliases, artifacts, artifact }) => ({
        digest,
        name,
        tags,
        owner,
        versions,
        aliases,
        artifacts,
        artifact,
      })),
    };
    outJson(json);
  } else if (infos.length === 0) {
    note(`${ref.registry.name}/${ref.repository} has no tags.`);
  } else {
    const sameImage = new Map(groups.flatMap((g) => g.tags.map((t) => [t, sameImageAs(t, g)] as const)));
    // An artifact tag is no name of an image: say whose signature (SBOM, …) it holds instead.
    for (const [tag, role] of tagRoles(groups))
      if (role.attachedTo) sameImage.set(tag, describeArtifactTag(role.attachedTo));
    const rows = infos.map((t) => [
      t.tag,
      t.digest ? shortDigest(t.digest) : 'error',
      t.error ? t.error.message : mediaTypeLabel(t.mediaType ?? undefined),
      sameImage.get(t.tag) ?? '',
    ]);
    out(table(['TAG', 'DIGEST', 'TYPE', 'SAME IMAGE AS'], rows));
    const artifactTags = groups.reduce((n, g) => n + g.artifacts.length, 0);
    const attached = artifactTags > 0 ? `, ${plural(artifactTags, 'artifact tag')} (signatures, SBOMs)` : '';
    note(`${plural(infos.length, 'tag')}, ${plural(imageCount(groups), 'distinct image')}${attached}.`);
  }
  if (failed.length > 0) {
    process.stderr.write(
      `berth: ${failed.length} of ${plural(infos.length, 'tag')} could not be read (see their error).\n`,
    );
    // The listing is incomplete: say so in the exit code too, so scripts do not take it as whole.
    process.exitCode = 1;
  }
}
