import { useSyncExternalStore } from 'react';
import { applyUpdate, offlineState, onOfflineState, type OfflineState } from '../lib/offline';

export function useOfflineState(): OfflineState {
  return useSyncExternalStore(onOfflineState, offlineState);
}

const SAYS: Record<OfflineState, string> = {
  unavailable: '',
  installing: 'Saving the app for offline use…',
  ready: 'Works offline: the app, its networks and data are saved in this browser.',
  'update-ready': '',
};

/** One line in the gallery: whether the app is saved for use without a network. */
export function OfflineNote() {
  const state = useOfflineState();
  if (!SAYS[state]) return null;
  return (
    <p className="offline-note" data-testid="offline-state" data-state={state}>
      {SAYS[state]}
    </p>
  );
}

/** On every page: a new version is installed; Reload lets it take over (a run in progress would be lost, so the user chooses when). */
export function UpdatePrompt() {
  const state = useOfflineState();
  if (state !== 'update-ready') return null;
  return (
    <div className="update-prompt banner banner-info" role="status" data-testid="update-prompt">
      A new version of the playground is ready.{' '}
      <button type="button" className="primary" onClick={applyUpdate}>
        Reload to update
      </button>
    </div>
  );
}
