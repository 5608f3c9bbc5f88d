import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { installPlaygroundApi } from './playgroundApi';
import { registerOffline } from './lib/offline';
import './styles.css';

installPlaygroundApi();
// production builds only: the dev server's modules change under it, and a cache would serve stale ones
if (import.meta.env.PROD) void registerOffline(import.meta.env.BASE_URL);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
