// App is the window: the sidebar of registries on the left, the current view on the right, and the
// notices about how passwords are kept when they are not in a keychain and about saved files that could
// not be used.

import { LoadingState } from './components/loading-state';
import { SecretBanner } from './components/secret-banner';
import { Sidebar } from './components/sidebar';
import { StorageBanner } from './components/storage-banner';
import { useCall } from './hooks/use-call';
import { useNavigation } from './state/navigation';
import { useRegistries } from './state/registries';
import { ActivityView } from './views/activity/activity-view';
import { HomeView } from './views/home-view';
import { RegistryFormView } from './views/registry-form-view';
import { RegistryScreen } from './views/registry-screen';
import { ReplicationView } from './views/replication/replication-view';

function MainView() {
  const { route } = useNavigation();
  const { phase, registries } = useRegistries();
  if (phase === 'loading') return <LoadingState label="Loading your registries…" />;
  if (route.name === 'add') return <RegistryFormView key="add" registry={null} />;
  if (route.name === 'home') return <HomeView />;
  if (route.name === 'replication') return <ReplicationView />;
  if (route.name === 'activity') {
    return (
      <ActivityView
        key={`${route.repository ?? ''}:${route.tag ?? ''}`}
        repository={route.repository ?? null}
        tag={route.tag ?? null}
        registryId={route.registryId ?? null}
      />
    );
  }
  const registry = registries.find((r) => r.id === route.registryId);
  if (!registry) return <HomeView />;
  if (route.name === 'edit')
    return <RegistryFormView key={`edit-${registry.id}`} registry={registry} focus={route.focus ?? null} />;
  return <RegistryScreen key={registry.id} registry={registry} repository={route.repository} />;
}

/** App lays out the window. */
export function App() {
  const [info] = useCall('app.info', {});
  const warning = info.phase === 'ready' ? info.value.secretWarning : null;
  const storageWarnings = info.phase === 'ready' ? (info.value.storageWarnings ?? []) : [];
  return (
    <div className="app">
      <Sidebar />
      <main className="main" data-testid="main">
        {storageWarnings.length > 0 && <StorageBanner warnings={storageWarnings} />}
        {warning && <SecretBanner warning={warning} />}
        <MainView />
      </main>
    </div>
  );
}
