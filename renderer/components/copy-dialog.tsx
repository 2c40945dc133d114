// CopyDialog is "Copy to…": one tag, or a repository's tags, to a repository of any saved registry. It
// previews what would be sent as the target is chosen, runs the copy with a progress bar, and says what
// happened. In the modal Dialog frame: focus stays inside, Escape closes, Enter copies.

import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import type { RegistrySummary } from '../../shared/api';
import { REPOSITORY_RE, TAG_RE } from '../../shared/reference';
import { type TransferRequestArgs, useTransfer } from '../hooks/use-transfer';
import { shownText } from '../lib/shown-text';
import { useRegistries } from '../state/registries';
import { Dialog } from './dialog';
import { Field } from './field';
import { NameInput } from './name-input';
import { RegistrySelect } from './registry-select';
import { TransferStatus } from './transfer-status';

/** CopySource is what is copied: a repository of a saved registry, and one tag of it or all (or some) tags. */
export interface CopySource {
  registry: RegistrySummary;
  repository: string;
  /** tag is the one tag copied; absent, the repository's tags are. */
  tag?: string;
}

/** splitGlobs reads the tag patterns field: spaces or commas between patterns. */
function splitGlobs(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((g) => g.trim())
    .filter((g) => g !== '');
}

/** complaint checks the fields the way the engine will, and says what to change in words. */
function complaint(source: CopySource, targetId: string, repo: string, tag: string, globs: string[]) {
  if (!targetId) return 'Add a second registry first: there is nowhere else to copy to.';
  if (!REPOSITORY_RE.test(repo)) {
    return 'The repository name takes lower-case letters, digits and . _ - separated by /, like team/app.';
  }
  if (source.tag !== undefined && !TAG_RE.test(tag)) {
    return 'The tag takes letters, digits and . _ - (up to 128), and starts with a letter, digit or _.';
  }
  if (globs.some((g) => !/^[A-Za-z0-9_.*?-]{1,128}$/.test(g))) {
    return 'A tag pattern takes tag characters and the wildcards * and ?, like 1.* or v?.2.';
  }
  if (globs.length > 20) return 'Give at most 20 tag patterns.';
  const sameTag = source.tag === undefined || tag === source.tag;
  if (targetId === source.registry.id && repo === source.repository && sameTag) {
    return 'That is where it already is: pick another registry, repository or tag.';
  }
  return null;
}

/** CopyDialog opens as soon as it is rendered; onClose removes it (and cancels a copy still running). */
export function CopyDialog({ source, onClose }: { source: CopySource; onClose(): void }) {
  const { registries } = useRegistries();
  const [targetId, setTargetId] = useState(
    () => registries.find((r) => r.id !== source.registry.id)?.id ?? source.registry.id,
  );
  const [repo, setRepo] = useState(source.repository);
  const [tag, setTag] = useState(source.tag ?? '');
  const [globText, setGlobText] = useState('');
  const globs = useMemo(() => splitGlobs(globText), [globText]);
  const invalid = complaint(source, targetId, repo, tag, globs);
  const args: TransferRequestArgs | null = invalid
    ? null
    : {
        sourceRegistryId: source.registry.id,
        sourceRepository: source.repository,
        targetRegistryId: targetId,
        targetRepository: repo,
        ...(source.tag !== undefined ? { reference: source.tag, targetTag: tag } : {}),
        ...(source.tag === undefined && globs.length > 0 ? { tags: globs } : {}),
      };
  const transfer = useTransfer(args);
  const { preview, run } = transfer;

  const target = registries.find((r) => r.id === targetId);
  const names = { source: source.registry.name, target: target?.name ?? 'the target' };
  const from = source.tag !== undefined ? `${source.repository}:${source.tag}` : source.repository;
  const to = source.tag !== undefined ? `${repo}:${tag}` : repo;
  const running = run.phase === 'running';
  const finished = run.phase === 'done' || run.phase === 'error';
  const ready =
    transfer.settled &&
    preview.phase === 'ready' &&
    !preview.preview.problem &&
    preview.preview.copy.length > 0 &&
    (run.phase === 'idle' || run.phase === 'cancelled');
  const locked = running || finished;
  // The fields lock while a copy runs, and a disabled field drops focus: keep it on the dialog's buttons,
  // so Escape, Enter and Tab go on working.
  const actionRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (running || finished) actionRef.current?.focus();
  }, [running, finished]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (finished) onClose();
    else if (ready) transfer.start();
  };

  return (
    <Dialog
      title={<>Copy {shownText(from)} to…</>}
      intro={
        <p className="small muted">From {shownText(`${source.registry.name} (${source.registry.host})`)}</p>
      }
      onClose={onClose}
      onSubmit={submit}
      className="transfer-dialog"
      bodyClassName="transfer-fields"
      testId="copy-dialog"
      actions={
        <>
          {running ? (
            <button
              ref={actionRef}
              type="button"
              className="button"
              onClick={transfer.cancel}
              data-testid="copy-stop"
            >
              Stop copying
            </button>
          ) : (
            !finished && (
              <button type="button" className="button" onClick={onClose} data-testid="copy-close">
                Cancel
              </button>
            )
          )}
          {!finished && (
            <button
              type="submit"
              className="button button-primary"
              disabled={!ready}
              data-testid="copy-confirm"
            >
              {running ? 'Copying…' : 'Copy'}
            </button>
          )}
          {finished && (
            <button ref={actionRef} type="submit" className="button button-primary" data-testid="copy-done">
              Done
            </button>
          )}
        </>
      }
    >
      <Field label="Target registry">
        <RegistrySelect
          value={targetId}
          registries={registries}
          onChange={setTargetId}
          disabled={locked}
          testId="copy-target-registry"
        />
      </Field>
      <div className="transfer-row">
        <Field label="Repository">
          <NameInput value={repo} onChange={setRepo} disabled={locked} testId="copy-target-repository" />
        </Field>
        {source.tag !== undefined ? (
          <Field label="Tag">
            <NameInput value={tag} onChange={setTag} disabled={locked} testId="copy-target-tag" />
          </Field>
        ) : (
          <Field label="Tags" optional hint="Empty: every tag. Or patterns such as 1.* latest">
            <input
              className="input"
              value={globText}
              disabled={locked}
              spellCheck={false}
              placeholder="every tag"
              onChange={(e) => setGlobText(e.target.value)}
              data-testid="copy-tag-globs"
            />
          </Field>
        )}
      </div>
      <div className="transfer-status">
        <TransferStatus preview={preview} run={run} names={names} copied={{ from, to }} invalid={invalid} />
      </div>
    </Dialog>
  );
}
