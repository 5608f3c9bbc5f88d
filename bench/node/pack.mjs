// `npm run bench:pack`: the Node harness as a directory to carry to another machine (a GPU one),
// and a tarball of it, in bench/out/:
//   webgpu-bench/
//     run.sh                      runs the bench with ./node if present, else the PATH's node
//     webgpu-bench (.mjs)         the bundle (bench/node/bundle.mjs)
//     node_modules/webgpu/        the `webgpu` package, this platform's dawn.node only
//     vulkan-loader/              a Vulkan loader (libvulkan.so.1), used only if the target has none
//     node                        with --with-node: this Node binary, for a target without Node
// Options: --with-node.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleNodeBench } from './bundle.mjs';

const withNode = process.argv.includes('--with-node');
const out = fileURLToPath(new URL('../out/', import.meta.url));
const dir = join(out, 'webgpu-bench');
const platform = `${process.platform}-${process.platform === 'darwin' ? 'universal' : process.arch}`;
const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const bundleBytes = await bundleNodeBench(join(dir, 'webgpu-bench.mjs'));

// the `webgpu` package minus the other platforms' binaries (about 110 MiB of the package's 130)
const webgpu = dirname(createRequire(import.meta.url).resolve('webgpu'));
const target = join(dir, 'node_modules', 'webgpu');
mkdirSync(join(target, 'dist'), { recursive: true });
for (const file of ['package.json', 'index.js', 'types.d.ts', 'LICENSE.md']) copyFileSync(join(webgpu, file), join(target, file));
cpSync(join(webgpu, 'dist', platform), join(target, 'dist', platform), { recursive: true });

// a Vulkan loader: the system's, else the one Chromium ships (the lent GPU machines may have none)
const loader = ['/usr/lib/x86_64-linux-gnu/libvulkan.so.1', '/usr/lib64/libvulkan.so.1', '/usr/lib/chromium/libvulkan.so.1'].find(existsSync);
if (process.platform === 'linux' && loader) {
  mkdirSync(join(dir, 'vulkan-loader'));
  copyFileSync(loader, join(dir, 'vulkan-loader', 'libvulkan.so.1'));
}
if (withNode) copyFileSync(process.execPath, join(dir, 'node'));

writeFileSync(
  join(dir, 'run.sh'),
  `#!/bin/sh
# The playground's raw WGSL kernel benchmarks in Node (Dawn); options as for npm run bench -- --node.
here=$(cd "$(dirname "$0")" && pwd)
node="$here/node"
[ -x "$node" ] || node=node
exec "$node" "$here/webgpu-bench.mjs" "$@"
`,
);
chmodSync(join(dir, 'run.sh'), 0o755);

const tarball = join(out, `webgpu-bench-${platform}${withNode ? '-with-node' : ''}.tar.gz`);
execFileSync('tar', ['-czf', tarball, '-C', out, 'webgpu-bench']);
const unpacked = Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split('\t')[0]);
console.log(`${dir}: ${mib(unpacked)} unpacked (bundle ${mib(bundleBytes)}${loader ? `, Vulkan loader from ${loader}` : ''}${withNode ? `, Node ${process.version}` : ''})`);
console.log(`${tarball}: ${mib(statSync(tarball).size)}`);
console.log(`On the target: tar -xzf ${tarball.split('/').pop()} && webgpu-bench/run.sh [--suite=… --b=… --json=FILE]`);
