import { describe, expect, it } from 'vitest';
import { CROSS_ORIGIN_ISOLATION_HEADERS, withIsolationHeaders } from './isolation';

describe('withIsolationHeaders', () => {
  it('adds COOP and COEP and keeps the status, the other headers and the body', async () => {
    const original = new Response('<!doctype html>', { status: 200, statusText: 'OK', headers: { 'Content-Type': 'text/html', 'Cross-Origin-Opener-Policy': 'unsafe-none' } });
    const wrapped = withIsolationHeaders(original);
    expect(wrapped.status).toBe(200);
    expect(wrapped.statusText).toBe('OK');
    expect(wrapped.headers.get('content-type')).toBe('text/html');
    for (const [name, value] of Object.entries(CROSS_ORIGIN_ISOLATION_HEADERS)) expect(wrapped.headers.get(name)).toBe(value);
    expect(await wrapped.text()).toBe('<!doctype html>');
  });

  it('keeps an error status', () => {
    const wrapped = withIsolationHeaders(new Response('missing', { status: 404 }));
    expect(wrapped.status).toBe(404);
    expect(wrapped.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
  });

  it('returns a network error as it is', () => {
    const failed = Response.error();
    expect(withIsolationHeaders(failed)).toBe(failed);
  });
});
