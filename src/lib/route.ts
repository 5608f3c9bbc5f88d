// Hash routes: `#/` is the gallery, `#/<slug>?<params>` a demo. Flags that are not parameters
// (presenter mode, tutorial step) travel in the same query string.

export interface Route {
  slug: string | null;
  params: Record<string, string>;
  present: boolean;
  step: number | null;
}

const FLAGS = ['present', 'step'];

/** A malformed escape (a truncated %E0%A4) is kept as typed: the page then says no demo has that name. */
function decodeSlug(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export function parseHash(hash: string): Route {
  const body = hash.replace(/^#\/?/, '');
  const [path, query = ''] = body.split('?');
  const all = Object.fromEntries(new URLSearchParams(query));
  const params = Object.fromEntries(Object.entries(all).filter(([k]) => !FLAGS.includes(k)));
  const step = all.step !== undefined && /^\d+$/.test(all.step) ? Number(all.step) : null;
  return { slug: path ? decodeSlug(path) : null, params, present: all.present === '1', step };
}

export function buildHash(slug: string, query: string, flags: { present?: boolean; step?: number | null } = {}): string {
  const q = new URLSearchParams(query);
  if (flags.present) q.set('present', '1');
  if (flags.step !== undefined && flags.step !== null) q.set('step', String(flags.step));
  return `#/${slug}?${q.toString()}`;
}
