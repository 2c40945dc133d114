// The renderer's entry: mounts the app with its registries and navigation state.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { NavigationProvider } from './state/navigation';
import { RegistriesProvider } from './state/registries';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <RegistriesProvider>
      <NavigationProvider>
        <App />
      </NavigationProvider>
    </RegistriesProvider>
  </StrictMode>,
);
