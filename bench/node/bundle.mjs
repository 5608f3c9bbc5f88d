// Bundles the Node harness (bench/node/main.ts) and everything it imports (the kernels' TypeScript,
// the WGSL sources, tfjs) into one ES module that plain Node runs; only the `webgpu` package (a
// native addon) stays outside, found in a node_modules next to or above the bundle.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build, stop } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Vite's `?raw` imports (src/gpu/shaders.ts): the file's text as the default export. */
const rawText = {
  name: 'raw-text',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({ path: fileURLToPath(new URL(args.path.replace(/\?raw$/, ''), `file://${args.resolveDir}/`)), namespace: 'raw-text' }));
    b.onLoad({ filter: /.*/, namespace: 'raw-text' }, async (args) => ({ contents: await readFile(args.path, 'utf8'), loader: 'text' }));
  },
};

/** Writes the bundle to `outfile`; returns its size in bytes. */
export async function bundleNodeBench(outfile) {
  const result = await build({
    entryPoints: [`${root}bench/node/main.ts`],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // whitespace only: a stack trace from another machine should still name our functions
    minifyWhitespace: true,
    legalComments: 'none',
    external: ['webgpu'],
    plugins: [rawText],
    // tfjs is CommonJS inside and calls require() for Node built-ins
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'warning',
    metafile: true,
  });
  await stop(); // esbuild's service process would otherwise live as long as the bench runs
  return Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
}
