// Every file a comment or a doc names is in the repo: a reader who follows a reference finds it.
// A path (docs/DESIGN.md, src/lib/rng.ts) must exist from the repo root; a bare file name
// (TESTING.md, modelDecoder.ts) must be the name of some file in the repo.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';

const tracked = execSync('git ls-files --cached --others --exclude-standard', { encoding: 'utf8' }).split('\n').filter(Boolean);
const names = new Set(tracked.map((f) => basename(f)));
const sources = tracked.filter((f) => /^(src|scripts|bench|e2e|shaders)\/.*\.(ts|tsx|mjs|wgsl)$/.test(f) || /(^|\/)(README|PROVENANCE)\.md$/.test(f));
const REFERENCE = /(?<![\w@/.-])((?:[\w-]+\/)*[\w-]+\.(?:md|ts|tsx|wgsl|mjs|json|jsonl|fasta|txt))\b/g;

/** Comment text of a source file (// and /* … *\/ comments); a Markdown file is all prose. */
function prose(file: string): string {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.md')) return text;
  return [...text.matchAll(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g)].map((m) => m[0]).join('\n');
}

describe('references in comments and docs', () => {
  it('name files that exist', () => {
    const missing: string[] = [];
    for (const file of sources) {
      for (const [, ref] of prose(file).matchAll(REFERENCE)) {
        const found = ref.includes('/') ? existsSync(ref) || tracked.some((f) => f.endsWith(`/${ref}`)) : names.has(ref);
        if (!found && !/^https?:/.test(ref)) missing.push(`${file}: ${ref}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
