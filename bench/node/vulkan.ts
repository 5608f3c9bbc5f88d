// Where Dawn (the `webgpu` package) will find Vulkan on Linux, and what to set so that it does.
// Dawn needs two pieces: the Vulkan loader (libvulkan.so.1), which it looks for next to its own
// binary (dawn.node) and then on the system library path; and a driver (an ICD, named by a JSON
// file in the loader's search directories or by VK_ICD_FILENAMES). A machine without a GPU has no
// driver; Debian's Chromium package ships the SwiftShader driver and a loader in /usr/lib/chromium,
// which give a software adapter (see docs/TESTING.md, "Node (optional)").
//
// VK_ICD_FILENAMES is read when Dawn creates its Vulkan instance, so setting it in this process is
// enough; the library path is read when the process starts, so a loader found only in Chromium's
// directory means running again with LD_LIBRARY_PATH set.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export const CHROMIUM_DIR = '/usr/lib/chromium';
export const SWIFTSHADER_ICD = `${CHROMIUM_DIR}/vk_swiftshader_icd.json`;
const LOADER = 'libvulkan.so.1';
/** The NVIDIA driver's Vulkan entry points live in its GLX library (the one its ICD file names). */
const NVIDIA_VULKAN_LIBRARY = 'libGLX_nvidia.so.0';

export interface VulkanPlan {
  /** Variables to set before the adapter is requested. */
  env: Record<string, string>;
  /** Variables that only take effect in a new process (the library path). */
  restartEnv: Record<string, string>;
  /** What was found and chosen, for the printed header. */
  notes: string[];
  /** A driver was found or chosen (false: requestAdapter will return null). */
  driver: 'environment' | 'system' | 'nvidia-library' | 'swiftshader' | 'none';
}

/** The loader's ICD search directories on Linux (XDG config and data dirs, then the fixed ones). */
function icdDirectories(): string[] {
  const configDirs = (process.env.XDG_CONFIG_DIRS || '/etc/xdg').split(delimiter);
  const dataDirs = (process.env.XDG_DATA_DIRS || '/usr/local/share:/usr/share').split(delimiter);
  const home = process.env.HOME ? [join(process.env.HOME, '.local/share')] : [];
  return [...configDirs, '/etc', ...dataDirs, ...home].map((d) => join(d, 'vulkan', 'icd.d'));
}

/** The ICD files a plain Vulkan loader would find on this machine. */
export function systemIcdFiles(): string[] {
  return icdDirectories().flatMap((dir) => {
    try {
      return readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => join(dir, f));
    } catch {
      return [];
    }
  });
}

/** Whether the dynamic linker finds `name` without help (ld.so cache, LD_LIBRARY_PATH, usual dirs). */
function systemHasLibrary(name: string): boolean {
  const dirs = [...(process.env.LD_LIBRARY_PATH ?? '').split(delimiter).filter(Boolean), '/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib', '/lib64', '/lib'];
  if (dirs.some((d) => existsSync(join(d, name)))) return true;
  for (const ldconfig of ['/sbin/ldconfig', '/usr/sbin/ldconfig']) {
    try {
      return execFileSync(ldconfig, ['-p'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).includes(name);
    } catch {
      // no ldconfig here: the directory check above is all there is
    }
  }
  return false;
}

/**
 * What to set for Dawn to find Vulkan, given where dawn.node lives. Order of preference for the
 * driver: the environment's choice, the system's ICD files, the NVIDIA library without an ICD file
 * (containers often mount the library but not the JSON; unverified), Chromium's SwiftShader. The
 * loader: the system's, else the first of `loaderDirs` that holds one (the copy a carried bundle
 * brings, Chromium's), through LD_LIBRARY_PATH.
 */
export function planVulkan(dawnDir: string, loaderDirs: readonly string[] = [CHROMIUM_DIR]): VulkanPlan {
  const plan: VulkanPlan = { env: {}, restartEnv: {}, notes: [], driver: 'none' };
  const chosen = process.env.VK_ICD_FILENAMES ?? process.env.VK_DRIVER_FILES;
  const systemIcds = systemIcdFiles();
  if (chosen) {
    plan.driver = 'environment';
    plan.notes.push(`Vulkan driver from the environment: ${chosen}`);
  } else if (systemIcds.length > 0) {
    plan.driver = 'system';
    plan.notes.push(`Vulkan drivers on this system: ${systemIcds.join(', ')}`);
  } else if (systemHasLibrary(NVIDIA_VULKAN_LIBRARY)) {
    const file = join(mkdtempSync(join(tmpdir(), 'webgpu-bench-')), 'nvidia_icd.json');
    writeFileSync(file, JSON.stringify({ file_format_version: '1.0.0', ICD: { library_path: NVIDIA_VULKAN_LIBRARY, api_version: '1.3.0' } }));
    plan.env.VK_ICD_FILENAMES = file;
    plan.driver = 'nvidia-library';
    plan.notes.push(`no Vulkan ICD file, but ${NVIDIA_VULKAN_LIBRARY} is present: VK_ICD_FILENAMES set to a generated ${file}`);
  } else if (existsSync(SWIFTSHADER_ICD)) {
    plan.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
    plan.driver = 'swiftshader';
    plan.notes.push(`no Vulkan driver on this system: VK_ICD_FILENAMES set to Chromium's SwiftShader (${SWIFTSHADER_ICD}), a CPU emulation`);
  } else {
    plan.notes.push('no Vulkan driver found (no ICD file, no NVIDIA library, no Chromium SwiftShader): expect no adapter');
  }
  if (existsSync(join(dawnDir, LOADER))) {
    plan.notes.push(`Vulkan loader: the one next to dawn.node (${join(dawnDir, LOADER)})`);
  } else if (!systemHasLibrary(LOADER)) {
    const fallback = loaderDirs.find((dir) => existsSync(join(dir, LOADER)));
    if (fallback) {
      plan.restartEnv.LD_LIBRARY_PATH = [fallback, process.env.LD_LIBRARY_PATH].filter(Boolean).join(delimiter);
      plan.notes.push(`no system Vulkan loader: running with LD_LIBRARY_PATH=${plan.restartEnv.LD_LIBRARY_PATH} for ${join(fallback, LOADER)}`);
    } else {
      plan.notes.push(`no Vulkan loader (${LOADER}) on the system or in ${loaderDirs.join(', ')}: expect no adapter`);
    }
  }
  return plan;
}
