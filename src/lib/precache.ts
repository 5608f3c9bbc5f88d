// What the build tells the service worker (scripts/offlineBuild.ts writes it into sw.js).

export interface Precache {
  /** A hash of every file's path and contents: a new build with any change has a new version. */
  version: string;
  /** Every file of the build, relative to the app's root (index.html, assets, weights, data, precomputed runs). */
  files: string[];
}

export const CACHE_PREFIX = 'playground-';

export const cacheName = (version: string): string => `${CACHE_PREFIX}${version}`;

/** The page's message that lets a waiting new version take over (the user pressed Reload). */
export const SKIP_WAITING = 'skip-waiting';
