// The import checker fails on what docs/DESIGN.md §3 forbids (`npm test` runs it on this repo).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkImports, specifiersOf } from './importRules';

const root = mkdtempSync(join(tmpdir(), 'import-rules-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(root, 'repo-'));
  for (const [path, code] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), code);
  }
  return dir;
}

const rulesBroken = (files: Record<string, string>) => checkImports(tree(files)).map((v) => `${v.rule}: ${v.from} → ${v.to}`);

describe('the import checker', () => {
  it('reads static, type-only, re-exported, dynamic and worker imports, in .ts and .tsx', () => {
    const code = "import type { A } from './a'; export { b } from './b'; export * from './c'; const m = import('./d'); new Worker(new URL('./e.ts', import.meta.url));";
    expect(specifiersOf(code, false)).toEqual(['./a', './b', './c', './d', './e.ts']);
    expect(specifiersOf("import { X } from '../x';\nexport const V = () => <div>{X}</div>;", true)).toEqual(['../x']);
    // what the running code loads: without the type-only declarations
    expect(specifiersOf(code, false, true)).toEqual(['./b', './c', './d', './e.ts']);
  });

  it('fails on a demo importing another demo, and allows its own folder and the layers below', () => {
    expect(
      rulesBroken({
        'src/demos/a/view.tsx': "import { b } from '../b/b';\nimport { own } from './own';\nimport { lib } from '../../lib/lib';\nexport const v = () => <p>{b + own + lib}</p>;",
        'src/demos/a/own.ts': 'export const own = 1;',
        'src/demos/b/b.ts': 'export const b = 1;',
        'src/lib/lib.ts': 'export const lib = 1;',
      }),
    ).toEqual(['demo-imports-another-demo: src/demos/a/view.tsx → src/demos/b/b.ts']);
  });

  it('fails on core importing up: lib, gpu, models or ui importing a layer above, even for a type', () => {
    expect(
      rulesBroken({
        'src/lib/low.ts': "import type { U } from '../ui/up';\nexport type L = U;",
        'src/gpu/kernel.ts': "import { m } from '../models/model';\nexport const k = m;",
        'src/models/model.ts': "export const m = 1;",
        'src/ui/up.ts': "import type { D } from '../demos/d/d';\nexport type U = D;",
        'src/demos/d/d.ts': 'export type D = number;',
        'src/ui/shell-user.ts': "import { demos } from '../registry';\nexport const s = demos;",
        'src/registry.ts': 'export const demos = [];',
      }).sort(),
    ).toEqual([
      'core-imports-the-shell: src/ui/shell-user.ts → src/registry.ts',
      'gpu-imports-up: src/gpu/kernel.ts → src/models/model.ts',
      'lib-imports-up: src/lib/low.ts → src/ui/up.ts',
      'ui-imports-up: src/ui/up.ts → src/demos/d/d.ts',
    ]);
  });

  it('does not count a worker started by URL as an import cycle', () => {
    expect(
      rulesBroken({
        'src/demos/a/experiment.ts': "import { f } from './shared';\nexport const start = () => new Worker(new URL('./worker.ts', import.meta.url));\nexport const g = f;",
        'src/demos/a/worker.ts': "import { start } from './experiment';\nexport const w = start;",
        'src/demos/a/shared.ts': 'export const f = 1;',
      }),
    ).toEqual([]);
  });

  it('fails on React below the UI, test fixtures in app code, and import cycles', () => {
    expect(
      rulesBroken({
        'src/models/widget.ts': "import { useState } from 'react';\nexport const w = useState;",
        'src/ui/a.ts': "import { b } from './b';\nimport { fixture } from '../testing/fixture';\nexport const a = b + fixture;",
        'src/ui/b.ts': "import type { a } from './a';\nexport const b = 1; export type B = typeof a;",
        'src/testing/fixture.ts': 'export const fixture = 1;',
        'src/models/kernel.ts': "import code from '../../shaders/k.wgsl?raw';\nexport const k = code;",
        'shaders/k.wgsl': '@compute @workgroup_size(1) fn main() {}',
      }).sort(),
    ).toEqual([
      'no-circular: src/ui/a.ts → src/ui/b.ts',
      'react-below-ui: src/models/widget.ts → react',
      'shaders-through-gpu: src/models/kernel.ts → shaders/k.wgsl',
      'test-fixtures-in-app-code: src/ui/a.ts → src/testing/fixture.ts',
    ]);
  });
});
