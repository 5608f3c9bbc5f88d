// `npm run bench -- --node`: bundles the Node harness into bench/out/ and runs it with the given
// options (see bench/node/main.ts), against the `webgpu` package in this checkout's node_modules.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bundleNodeBench } from './bundle.mjs';

const outfile = fileURLToPath(new URL('../out/node/webgpu-bench.mjs', import.meta.url));
await bundleNodeBench(outfile);
const { status } = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(status ?? 1);
