// One bridge between tfjs and our kernels: only src/gpu/tfjsInterop.ts reaches into
// @tensorflow/tfjs-backend-webgpu (it also registers the backend on our device; a test may import
// the package for that side effect). Everything else goes through the interop module, so a
// tfjs upgrade has one file to re-check.
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

const INTEROP = 'src/gpu/tfjsInterop.ts';

const sources = execSync('git ls-files --cached --others --exclude-standard', { encoding: 'utf8' })
  .split('\n')
  .filter((f) => /^(src|bench|e2e|scripts)\/.*\.(ts|tsx|mjs)$/.test(f))
  .filter((f) => f !== INTEROP && f !== 'src/gpu/tfjsInterop.test.ts' && f !== 'src/gpu/tfjsInterop.browser.test.ts');

/** An import of the package that is more than `import '@tensorflow/tfjs-backend-webgpu';` (registration). */
const BACKEND_IMPORT = /(?:from\s+|import\s*\(\s*)['"]@tensorflow\/tfjs-backend-webgpu[^'"]*['"]/g;
/** The backend's internals and the copying path the interop module replaces. */
const INTERNALS = /\.(?:tensorMap|bufferManager|uploadToGPU|dataToGPU|readToGPU|submitQueue|ensureCommandEncoderReady|endComputePassEncoder|commandQueueOwnedIds|uniformPendingDisposal)\b/g;

it(`only ${INTEROP} touches tfjs-backend-webgpu internals`, () => {
  const offenders: string[] = [];
  for (const file of sources) {
    const code = readFileSync(file, 'utf8').replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '');
    const imports = [...code.matchAll(BACKEND_IMPORT)].map((m) => m[0]);
    if (imports.length > 0) offenders.push(`${file}: ${imports.join(', ')}`);
    for (const [use] of code.matchAll(INTERNALS)) offenders.push(`${file}: ${use}`);
  }
  expect(offenders, `go through ${INTEROP} instead`).toEqual([]);
});
