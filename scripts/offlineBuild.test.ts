import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { precacheOf, writeServiceWorker } from './offlineBuild';

const dirs: string[] = [];
function build(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'offline-build-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('the precache list of a build', () => {
  it('lists every file but the service worker, sorted, with posix paths', () => {
    const dir = build({ 'index.html': '<p>', 'assets/a.js': '1', 'weights/m/weights.bin': 'w', 'sw.js': 'old' });
    expect(precacheOf(dir).files).toEqual(['assets/a.js', 'index.html', 'weights/m/weights.bin']);
  });

  it('names a new version when any file changes, and only then', () => {
    const a = precacheOf(build({ 'index.html': '<p>', 'data/x.json': '{}' }));
    expect(precacheOf(build({ 'index.html': '<p>', 'data/x.json': '{}' })).version).toBe(a.version);
    expect(precacheOf(build({ 'index.html': '<p>', 'data/x.json': '{ }' })).version).not.toBe(a.version);
    expect(precacheOf(build({ 'index.html': '<p>', 'data/y.json': '{}' })).version).not.toBe(a.version);
    // the old service worker is not part of what it names
    expect(precacheOf(build({ 'index.html': '<p>', 'data/x.json': '{}', 'sw.js': 'x' })).version).toBe(a.version);
  });

  it('writes sw.js with the list built in', () => {
    const dir = build({ 'index.html': '<p>', 'assets/a.js': '1' });
    const { version } = writeServiceWorker(dir, process.cwd());
    const code = readFileSync(join(dir, 'sw.js'), 'utf8');
    expect(code).toContain(`version: "${version}"`);
    expect(code).toContain('"assets/a.js"');
    expect(code).not.toMatch(/[^:]__PRECACHE__/); // replaced everywhere (esbuild names the define in a comment)
  });
});
