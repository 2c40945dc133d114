// RegistryScreen is everything shown for one registry: its repositories and, once one is opened, its
// tags. It owns the catalog stream, so going into a repository and back keeps the list, the filter,
// the selection and the scroll position; leaving the registry cancels the stream. A registry whose
// certificate is not checked carries a standing warning over both.

import { useCallback, useEffect, useRef, useState } from 'react';
import type { RegistrySummary } from '../../shared/api';
import { UnverifiedBanner } from '../components/unverified-banner';
import { useCatalog } from '../hooks/use-catalog';
import { forgetTagCounts } from '../hooks/use-tag-counts';
import { countOf } from '../lib/text';
import { startTagListEarly } from '../state/early-tag-list';
import { useNavigation } from '../state/navigation';
import { useRegistries } from '../state/registries';
import { RepositoriesView } from './repositories-view';
import { TagsView } from './tags/tags-view';

/** RegistryScreen shows one registry; key it by registry id so a different registry starts afresh. */
export function RegistryScreen({
  registry,
  repository,
}: {
  registry: RegistrySummary;
  repository: string | null;
}) {
  const catalog = useCatalog(registry.id);
  const { navigate } = useNavigation();
  const { setHealth } = useRegistries();
  const [query, setQuery] = useState('');
  const [selectedName, setSelectedName] = useState<string | null>(repository);
  const scrollOffset = useRef(0);

  // What the catalog stream found is the freshest news about the connection: show it as the status dot.
  useEffect(() => {
    if (catalog.phase === 'done')
      setHealth(registry.id, {
        state: 'ok',
        message: `Lists ${countOf(catalog.names.length, 'repository', 'repositories')}.`,
      });
    else if (catalog.phase === 'error' && catalog.error)
      setHealth(registry.id, {
        state: catalog.error.code === 'CATALOG_UNSUPPORTED' ? 'warning' : 'failed',
        message: catalog.error.message,
      });
  }, [catalog.phase, catalog.error, catalog.names.length, registry.id, setHealth]);

  const open = useCallback(
    (name: string) => {
      setSelectedName(name);
      // The tag list is asked for now, not once the Tags screen has drawn: its first rows wait for it.
      startTagListEarly(registry.id, name);
      navigate({ name: 'registry', registryId: registry.id, repository: name });
    },
    [navigate, registry.id],
  );
  const back = useCallback(
    () => navigate({ name: 'registry', registryId: registry.id, repository: null }),
    [navigate, registry.id],
  );
  const reload = useCallback(() => {
    forgetTagCounts(registry.id);
    catalog.retry();
  }, [registry.id, catalog.retry]);

  return (
    <>
      <UnverifiedBanner registry={registry} />
      {repository !== null ? (
        <TagsView registry={registry} repository={repository} onBack={back} />
      ) : (
        <RepositoriesView
          registry={registry}
          catalog={catalog}
          query={query}
          setQuery={setQuery}
          selectedName={selectedName}
          setSelectedName={setSelectedName}
          onOpen={open}
          onReload={reload}
          scrollOffset={scrollOffset}
        />
      )}
    </>
  );
}
