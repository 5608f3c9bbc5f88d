// The page's side of the offline cache (src/offline/serviceWorker.ts): register the service worker
// of a production build, and tell the page when a new version has been installed and waits.

import { SKIP_WAITING } from './precache';

export type OfflineState =
  /** No service worker: the dev server, a browser without one, or one blocked. */
  | 'unavailable'
  /** Installing: the first visit is still filling the cache. */
  | 'installing'
  /** Everything is cached: the app works without a network. */
  | 'ready'
  /** A new version is installed and waits for the page to let it take over. */
  | 'update-ready';

type Listener = (state: OfflineState) => void;

let state: OfflineState = 'unavailable';
let waiting: ServiceWorker | null = null;
const listeners = new Set<Listener>();

function set(next: OfflineState): void {
  state = next;
  for (const listener of listeners) listener(next);
}

export function offlineState(): OfflineState {
  return state;
}

export function onOfflineState(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Follows a worker being installed: a new version beside a running one waits for the user. */
function track(worker: ServiceWorker, replacesAnother: boolean): void {
  const check = () => {
    if (worker.state === 'installed' && replacesAnother) {
      waiting = worker;
      set('update-ready');
    } else if (worker.state === 'activated' && !replacesAnother) set('ready');
  };
  worker.addEventListener('statechange', check);
  check();
}

/** Registers `<base>sw.js`; resolves when registered (or at once where there is none to register). */
export async function registerOffline(base: string): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  let registration: ServiceWorkerRegistration | undefined;
  try {
    registration = await navigator.serviceWorker.register(`${base}sw.js`, { scope: base });
  } catch (err) {
    console.info(`offline cache unavailable: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  // a browser that blocks service workers (as the other e2e tests do) may answer with nothing
  if (!registration) return;
  if (registration.waiting && navigator.serviceWorker.controller) {
    waiting = registration.waiting;
    set('update-ready');
  } else if (registration.active && !registration.installing) set('ready');
  else set('installing');
  if (registration.installing) track(registration.installing, Boolean(registration.active));
  registration.addEventListener('updatefound', () => {
    if (registration.installing) track(registration.installing, Boolean(registration.active));
  });
  // the new version has taken over: load the page it serves
  let reloading = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (state !== 'update-ready' || reloading) return;
    reloading = true;
    location.reload();
  });
}

/** Lets the waiting version take over; the page reloads when it has. */
export function applyUpdate(): void {
  waiting?.postMessage(SKIP_WAITING);
}

/** Asks the server whether a new version is deployed (the browser also checks on each navigation). */
export async function checkForUpdate(): Promise<void> {
  const registration = await navigator.serviceWorker?.getRegistration();
  await registration?.update();
}
