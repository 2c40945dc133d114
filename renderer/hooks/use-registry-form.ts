// useRegistryForm is the add/edit registry form's state and calls: the fields (checked as people type,
// shown once touched), Test connection, Save, Remove, and the Docker logins imported. The rules of the
// fields themselves live in lib/registry-form.ts, free of React.

import { type FormEvent, useMemo, useState } from 'react';
import type { ConnectionReport, RegistrySummary } from '../../shared/api';
import { api } from '../api';
import { summarize } from '../components/connection-report';
import { type ShownError, toShownError } from '../lib/errors';
import {
  emptyForm,
  formFromRegistry,
  locate,
  type RegistryForm,
  toInput,
  validateForm,
} from '../lib/registry-form';
import { useNavigation } from '../state/navigation';
import { type Health, useRegistries } from '../state/registries';
import { forgetTagCounts } from './use-tag-counts';

/** healthOf turns a connection report into the sidebar's status dot: the first check at the worst level. */
function healthOf(report: ConnectionReport): Health {
  const s = summarize(report);
  const first = [report.reachable, report.auth, report.catalog].find((c) => c.status === s.status);
  return { state: s.status === 'skipped' ? 'ok' : s.status, message: first?.message ?? s.text };
}

/** useRegistryForm: the add form when `registry` is null, else the edit form of that registry. */
export function useRegistryForm(registry: RegistrySummary | null) {
  const editing = registry !== null;
  const { upsert, forget, setHealth } = useRegistries();
  const { navigate } = useNavigation();
  const [form, setForm] = useState<RegistryForm>(() => (registry ? formFromRegistry(registry) : emptyForm()));
  const [touched, setTouched] = useState(editing);
  const [report, setReport] = useState<ConnectionReport | null>(null);
  /** busy: 'check' is the connection test that Save runs before adding a registry. */
  const [busy, setBusy] = useState<'test' | 'check' | 'save' | 'remove' | null>(null);
  const [failure, setFailure] = useState<ShownError | null>(null);
  const [confirming, setConfirming] = useState(false);
  /** askingSave: Save was pressed after a failed connection test; the form asks "Save anyway?". */
  const [askingSave, setAskingSave] = useState(false);

  const errors = useMemo(() => validateForm(form), [form]);
  const valid = Object.keys(errors).length === 0;

  const set = <K extends keyof RegistryForm>(key: K, value: RegistryForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setTouched(true);
    setReport(null); // a report describes the settings it was made with
    setFailure(null);
  };
  /** removeSecret marks the saved password for removal (or keeps it); a typed one is dropped. */
  const removeSecret = (remove: boolean) => {
    setForm((f) => ({ ...f, removeSecret: remove, secret: '' }));
    setReport(null);
  };

  const run = async (kind: 'test' | 'save', action: () => Promise<void>) => {
    setTouched(true);
    if (!valid) return;
    setBusy(kind);
    setFailure(null);
    try {
      await action();
    } catch (err) {
      setFailure(toShownError(err));
    } finally {
      setBusy(null);
    }
  };

  const testNow = async (): Promise<ConnectionReport> => {
    const result = await api.call('registries.test', {
      ...toInput(form, editing),
      ...(registry ? { id: registry.id } : {}),
    });
    setReport(result);
    if (registry) setHealth(registry.id, healthOf(result));
    return result;
  };
  const test = () =>
    run('test', async () => {
      await testNow();
    });

  const save = (event: FormEvent) => {
    event.preventDefault();
    void run('save', async () => {
      // A new registry is tested before it is added, pressed Test or not (an edit is tested only when
      // asked: it may be saved to fix a registry that is down). A failed test asks "Save anyway?" (the
      // registry may be down for a moment) instead of landing on an error screen.
      let checked = report;
      if (!checked && !editing) {
        setBusy('check');
        checked = await testNow();
        setBusy('save');
      }
      if (checked && summarize(checked).status === 'failed') {
        setAskingSave(true);
        return;
      }
      await saveNow(checked);
    });
  };
  const saveAnyway = () => {
    setAskingSave(false);
    void run('save', () => saveNow(report));
  };
  const saveNow = async (checked: ConnectionReport | null) => {
    const input = toInput(form, editing);
    const saved = registry
      ? await api.call('registries.update', { ...input, id: registry.id })
      : await api.call('registries.add', input);
    upsert(saved);
    forgetTagCounts(saved.id);
    setHealth(saved.id, checked ? healthOf(checked) : null);
    navigate({ name: 'registry', registryId: saved.id, repository: null });
  };

  const remove = async () => {
    if (!registry) return;
    setBusy('remove');
    try {
      await api.call('registries.remove', { id: registry.id });
      forget(registry.id);
      forgetTagCounts(registry.id);
      navigate({ name: 'home' });
    } catch (err) {
      setFailure(toShownError(err));
      setConfirming(false);
    } finally {
      setBusy(null);
    }
  };

  const imported = (r: RegistrySummary) => {
    upsert(r);
    navigate({ name: 'registry', registryId: r.id, repository: null });
  };
  const cancel = () =>
    navigate(registry ? { name: 'registry', registryId: registry.id, repository: null } : { name: 'home' });

  return {
    editing,
    /** values are the fields as typed. */
    values: form,
    set,
    removeSecret,
    /** errors are shown once the form was touched (an edit form starts touched). */
    errors: touched ? errors : {},
    where: locate(form),
    report,
    busy,
    failure,
    confirming,
    setConfirming,
    askingSave,
    cancelSave: () => setAskingSave(false),
    saveAnyway,
    test,
    save,
    remove,
    imported,
    cancel,
  };
}
