// Manifest and config parsing: OCI index and image, Docker manifest list and schema2, and legacy schema1.
// Bodies come from a network we do not trust: every field is checked before it is used.

import { RegistryError } from '../../../shared/errors';
import { MediaType, manifestKind } from '../../../shared/media-types';
import type { Descriptor, HistoryEntry, ImageConfig, LayerInfo, Platform } from '../../../shared/model';
import { DIGEST_RE } from '../../../shared/reference';

/** ImageManifest is an OCI image manifest or Docker schema2 manifest. */
export interface ImageManifest {
  kind: 'image';
  mediaType: string;
  config: Descriptor;
  layers: Descriptor[];
  /** artifactType is set on OCI 1.1 artifacts (signatures, SBOMs). */
  artifactType?: string;
  /** subject is the manifest this one is attached to (OCI 1.1). */
  subject?: Descriptor;
}

/** IndexManifest is an OCI image index or Docker manifest list. */
export interface IndexManifest {
  kind: 'index';
  mediaType: string;
  manifests: Descriptor[];
  artifactType?: string;
  subject?: Descriptor;
}

/** LegacyManifest is a Docker schema1 manifest: layers without sizes, config embedded as history JSON. */
export interface LegacyManifest {
  kind: 'legacy';
  mediaType: string;
  layers: LayerInfo[];
  config: ImageConfig | null;
}

/** UnknownManifest is content with a media type we cannot read; it is shown, not interpreted. */
export interface UnknownManifest {
  kind: 'unknown';
  mediaType: string;
}

/** Manifest is any manifest Berth can show. */
export type Manifest = ImageManifest | IndexManifest | LegacyManifest | UnknownManifest;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const strList = (v: unknown): string[] | null =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;

function malformed(what: string, why: string): RegistryError {
  return new RegistryError('PROTOCOL', `The manifest of ${what} is malformed (${why}). It cannot be shown.`);
}

function parseJson(bytes: Uint8Array, what: string, thing = 'manifest'): Json {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new RegistryError('PROTOCOL', `The ${thing} of ${what} is not valid JSON. It cannot be shown.`);
  }
  if (!isObject(value)) throw new RegistryError('PROTOCOL', `The ${thing} of ${what} is not a JSON object.`);
  return value;
}

function parsePlatform(v: unknown): Platform | undefined {
  if (!isObject(v)) return undefined;
  const os = str(v['os']);
  const architecture = str(v['architecture']);
  if (os === null || architecture === null) return undefined;
  const p: Platform = { os, architecture };
  const variant = str(v['variant']);
  if (variant) p.variant = variant;
  const osVersion = str(v['os.version']);
  if (osVersion) p['os.version'] = osVersion;
  return p;
}

/** parseDescriptor checks one descriptor: a known digest form and a sane, non-negative integer size. */
export function parseDescriptor(v: unknown, what: string): Descriptor {
  if (!isObject(v)) throw malformed(what, 'a descriptor is not an object');
  const digest = str(v['digest']);
  if (digest === null || !DIGEST_RE.test(digest)) throw malformed(what, 'a descriptor has an invalid digest');
  const size = v['size'];
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    throw malformed(what, `a descriptor has an invalid size (${String(size).slice(0, 30)})`);
  }
  const d: Descriptor = { mediaType: str(v['mediaType']) ?? '', digest, size };
  const platform = parsePlatform(v['platform']);
  if (platform) d.platform = platform;
  const artifactType = str(v['artifactType']);
  if (artifactType) d.artifactType = artifactType;
  if (isObject(v['annotations'])) {
    const annotations: Record<string, string> = {};
    for (const [k, val] of Object.entries(v['annotations']))
      if (typeof val === 'string') annotations[k] = val;
    d.annotations = annotations;
  }
  return d;
}

function descriptorList(v: unknown, what: string, field: string): Descriptor[] {
  if (!Array.isArray(v)) throw malformed(what, `"${field}" is missing or not a list`);
  if (v.length > 10_000) throw malformed(what, `"${field}" lists ${v.length} entries`);
  return v.map((d) => parseDescriptor(d, what));
}

/**
 * parseManifest reads manifest bytes. `contentType` is the registry's Content-Type; the body's own
 * `mediaType` wins when present, since some registries answer `application/json`.
 */
export function parseManifest(bytes: Uint8Array, contentType: string | undefined, what: string): Manifest {
  const json = parseJson(bytes, what);
  const bodyType = str(json['mediaType']);
  const headerType = contentType?.split(';')[0]?.trim();
  let mediaType = bodyType ?? headerType ?? '';
  if (mediaType === 'application/json' || mediaType === '') {
    // OCI content may omit mediaType; infer it from the shape as the image spec allows.
    if (Array.isArray(json['manifests'])) mediaType = MediaType.OCI_INDEX;
    else if (isObject(json['config'])) mediaType = MediaType.OCI_MANIFEST;
    else if (json['schemaVersion'] === 1) mediaType = MediaType.DOCKER_SCHEMA1_SIGNED;
  }
  switch (manifestKind(mediaType)) {
    case 'index':
      return withArtifact(
        { kind: 'index', mediaType, manifests: descriptorList(json['manifests'], what, 'manifests') },
        json,
        what,
      );
    case 'image':
      return withArtifact(
        {
          kind: 'image',
          mediaType,
          config: parseDescriptor(json['config'], what),
          layers: descriptorList(json['layers'], what, 'layers'),
        },
        json,
        what,
      );
    case 'legacy':
      return parseSchema1(json, mediaType, what);
    default:
      return { kind: 'unknown', mediaType };
  }
}

/** withArtifact adds the OCI 1.1 fields that make a manifest an artifact: `artifactType` and `subject`. */
function withArtifact<M extends ImageManifest | IndexManifest>(m: M, json: Json, what: string): M {
  const artifactType = str(json['artifactType']);
  if (artifactType) m.artifactType = artifactType;
  if (json['subject'] !== undefined && json['subject'] !== null)
    m.subject = parseDescriptor(json['subject'], what);
  return m;
}

function parseSchema1(json: Json, mediaType: string, what: string): LegacyManifest {
  const fsLayers = Array.isArray(json['fsLayers']) ? json['fsLayers'] : [];
  const layers: LayerInfo[] = [];
  // schema1 lists the top layer first; show base first like every other format.
  for (const l of [...fsLayers].reverse()) {
    const digest = isObject(l) ? str(l['blobSum']) : null;
    if (digest === null || !DIGEST_RE.test(digest)) throw malformed(what, 'a layer has an invalid digest');
    layers.push({
      digest,
      size: null,
      mediaType: 'application/vnd.docker.container.image.rootfs.diff+x-gtar',
    });
  }
  let config: ImageConfig | null = null;
  const history = Array.isArray(json['history']) ? json['history'] : [];
  const top = history[0];
  const v1 = isObject(top) ? str(top['v1Compatibility']) : null;
  if (v1) {
    try {
      config = parseImageConfig(new TextEncoder().encode(v1), null, what);
    } catch {
      config = null; // a broken v1Compatibility still leaves the layers worth showing
    }
  }
  return { kind: 'legacy', mediaType, layers, config };
}

/** parseImageConfig reads an image config blob (OCI or Docker) into what people want to see. */
export function parseImageConfig(bytes: Uint8Array, digest: string | null, what: string): ImageConfig {
  const json = parseJson(bytes, what, 'image configuration');
  const c = isObject(json['config'])
    ? json['config']
    : isObject(json['container_config'])
      ? json['container_config']
      : {};
  const labels: Record<string, string> = {};
  if (isObject(c['Labels']))
    for (const [k, v] of Object.entries(c['Labels'])) if (typeof v === 'string') labels[k] = v;
  const history: HistoryEntry[] = [];
  if (Array.isArray(json['history'])) {
    for (const h of json['history'].slice(0, 5000)) {
      if (!isObject(h)) continue;
      const entry: HistoryEntry = { emptyLayer: h['empty_layer'] === true };
      const created = str(h['created']);
      if (created) entry.created = created;
      const createdBy = str(h['created_by']);
      if (createdBy) entry.createdBy = createdBy;
      const comment = str(h['comment']);
      if (comment) entry.comment = comment;
      history.push(entry);
    }
  }
  return {
    digest,
    created: str(json['created']),
    os: str(json['os']),
    architecture: str(json['architecture']),
    variant: str(json['variant']),
    author: str(json['author']),
    env: strList(c['Env']) ?? [],
    labels,
    entrypoint: strList(c['Entrypoint']),
    cmd: strList(c['Cmd']),
    workingDir: str(c['WorkingDir']) || null,
    user: str(c['User']) || null,
    exposedPorts: isObject(c['ExposedPorts']) ? Object.keys(c['ExposedPorts']).sort() : [],
    // Volumes is a set spelled as an object ({"/data": {}}), like ExposedPorts.
    volumes: isObject(c['Volumes']) ? Object.keys(c['Volumes']).sort() : [],
    stopSignal: str(c['StopSignal']) || null,
    history,
  };
}
