// HomeView greets a first-time user: what Berth does and how to start.

import { DockerImports } from '../components/docker-imports';
import { PlusIcon, RegistryIcon } from '../components/icons';
import { useNavigation } from '../state/navigation';
import { useRegistries } from '../state/registries';

/** HomeView is shown when no registry is selected (on first start: none is saved). */
export function HomeView() {
  const { navigate } = useNavigation();
  const { registries, upsert } = useRegistries();
  const first = registries.length === 0;
  return (
    <div className="page" data-testid="home-view">
      <div className="page-body welcome">
        <span className="welcome-icon" aria-hidden="true">
          <RegistryIcon size={36} />
        </span>
        <h1 className="page-title">{first ? 'Welcome to Berth' : 'Choose a registry'}</h1>
        <p className="welcome-text">
          {first
            ? 'Berth shows what is in a container registry: its repositories, their tags, and which tags are the same image. Start by adding the registry you use.'
            : 'Pick a registry on the left to see its repositories, or add another one.'}
        </p>
        <button
          type="button"
          className="button button-primary"
          onClick={() => navigate({ name: 'add' })}
          data-testid="welcome-add"
        >
          <PlusIcon /> Add registry
        </button>
        <div className="welcome-imports">
          <DockerImports
            onImported={(r) => {
              upsert(r);
              navigate({ name: 'registry', registryId: r.id, repository: null });
            }}
          />
        </div>
      </div>
    </div>
  );
}
