// The import rules of docs/DESIGN.md §3, checked on every `npm test` (scripts/test.mjs runs
// `npx tsx scripts/importRules.ts`; scripts/importRules.test.ts shows a forbidden import fails it).
// Layers, top to bottom:
//   shell (src/*.ts[x]: App, main, registry, playgroundApi) → demos/<slug>/ → ui/ → models/ → gpu/ → lib/
// Imports point down, demos never import each other, lib/, gpu/ and models/ have no React, and no
// two modules import each other. Type-only imports count: a type is a dependency too.
//
// Why not dependency-cruiser: version 17 parses TypeScript only through the TypeScript <7 compiler
// API (this project compiles with TypeScript 7, which has none) and its swc mode cannot read .tsx;
// version 18 needs Node 22. @swc/core parses both here, so this is that tool's rule set on swc.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseSync } from '@swc/core';

export interface ImportRule {
  name: string;
  /** Why, in a sentence: printed with each violation. */
  comment: string;
  /** Importing files (repo-relative, posix); a capture group may be used in `toNot` as $1. */
  from: RegExp;
  fromNot?: RegExp;
  /** Imported modules: repo-relative paths, or package names. */
  to: RegExp;
  toNot?: string;
}

const LAYER = /^src\/(demos|ui|models|gpu|lib|testing)\//;
const TEST_FILE = /\.test\.tsx?$/;
/** The layer folders (the shell and src/testing/ have rules of their own). */
const LAYER_FOLDER = /^src\/(demos|ui|models|gpu|lib)\//;
/** The allowed folders, as the exception to a rule on LAYER_FOLDER. */
const within = (...dirs: string[]) => `^src/(${dirs.join('|')})/`;

export const RULES: readonly ImportRule[] = [
  { name: 'demo-imports-another-demo', comment: 'A demo folder is self-contained: a piece two demos need moves down to models/, ui/, gpu/ or lib/.', from: /^src\/demos\/([^/]+)\//, to: /^src\/demos\//, toNot: '^src/demos/$1/' },
  { name: 'core-imports-the-shell', comment: 'The shell (App, main, registry, playgroundApi) sits on top: nothing below imports it.', from: LAYER, to: /^src\/[^/]+$/ },
  { name: 'ui-imports-up', comment: 'ui/ imports models/, gpu/ and lib/ (and itself), never a demo.', from: /^src\/ui\//, to: LAYER_FOLDER, toNot: within('ui', 'models', 'gpu', 'lib') },
  { name: 'models-imports-up', comment: 'models/ imports gpu/ and lib/ (and itself).', from: /^src\/models\//, fromNot: TEST_FILE, to: LAYER_FOLDER, toNot: within('models', 'gpu', 'lib') },
  { name: 'gpu-imports-up', comment: 'gpu/ imports lib/ (and itself) and the shaders.', from: /^src\/gpu\//, fromNot: TEST_FILE, to: LAYER_FOLDER, toNot: within('gpu', 'lib') },
  { name: 'lib-imports-up', comment: 'lib/ is the bottom layer: it imports only itself.', from: /^src\/lib\//, fromNot: TEST_FILE, to: LAYER_FOLDER, toNot: within('lib') },
  { name: 'shaders-through-gpu', comment: 'WGSL files are loaded in one place, src/gpu/shaders.ts: kernels get them from gpu/.', from: /^src\//, fromNot: /^src\/gpu\//, to: /^shaders\// },
  { name: 'react-below-ui', comment: 'lib/, gpu/ and models/ have no React (nor the UI state and chart libraries).', from: /^src\/(lib|gpu|models)\//, to: /^(react|react-dom|zustand|recharts)(\/|$)/ },
  { name: 'test-fixtures-in-app-code', comment: 'src/testing/ holds fixtures for tests (Node file access): app code never imports it.', from: /^src\//, fromNot: /(\.test\.tsx?$|^src\/testing\/)/, to: /^src\/testing\// },
];

export interface Violation {
  rule: string;
  from: string;
  to: string;
  comment: string;
}

const SOURCE = /\.(ts|tsx)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return SOURCE.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** How a file depends on another: a module import, a type-only one, or a file it starts a worker (or loads an asset) from. */
export type DependencyKind = 'import' | 'type' | 'url';

export interface Dependency {
  specifier: string;
  kind: DependencyKind;
}

/** Every dependency in a file: static imports and re-exports, import(), new URL(…, import.meta.url). */
export function dependenciesOf(code: string, tsx: boolean): Dependency[] {
  const found: Dependency[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    const n = node as Record<string, unknown> & { type?: string };
    const literal = (v: unknown) => (v as { type?: string; value?: unknown } | undefined)?.type === 'StringLiteral' ? String((v as { value: unknown }).value) : null;
    const declaration = n.type === 'ImportDeclaration' || n.type === 'ExportAllDeclaration' || n.type === 'ExportNamedDeclaration';
    if (declaration && literal(n.source)) found.push({ specifier: literal(n.source)!, kind: n.typeOnly === true ? 'type' : 'import' });
    if (n.type === 'CallExpression' && (n.callee as { type?: string })?.type === 'Import') {
      const arg = literal((n.arguments as { expression: unknown }[])[0]?.expression);
      if (arg) found.push({ specifier: arg, kind: 'import' });
    }
    if (n.type === 'NewExpression' && (n.callee as { value?: string })?.value === 'URL') {
      const args = n.arguments as { expression: unknown }[] | undefined;
      const arg = literal(args?.[0]?.expression);
      if (arg?.startsWith('.')) found.push({ specifier: arg, kind: 'url' });
    }
    for (const value of Object.values(n)) if (value && typeof value === 'object') visit(value);
  };
  visit(parseSync(code, { syntax: 'typescript', tsx, target: 'es2022' }).body);
  return found;
}

/** The specifiers alone; with `runtimeOnly`, without the type-only ones (what the running code loads). */
export function specifiersOf(code: string, tsx: boolean, runtimeOnly = false): string[] {
  return dependenciesOf(code, tsx)
    .filter((d) => !(runtimeOnly && d.kind === 'type'))
    .map((d) => d.specifier);
}

const posix = (path: string) => path.split(sep).join('/');

/** A specifier as the rules see it: a repo-relative file, or a package name. */
export function resolveSpecifier(root: string, fromFile: string, specifier: string): string {
  if (!specifier.startsWith('.')) {
    const parts = specifier.split('/');
    return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  }
  const bare = resolve(dirname(fromFile), specifier.split('?')[0]);
  const candidates = [bare, `${bare}.ts`, `${bare}.tsx`, join(bare, 'index.ts'), join(bare, 'index.tsx')];
  const hit = candidates.find((c) => {
    try {
      return statSync(c).isFile();
    } catch {
      return false;
    }
  });
  return posix(relative(root, hit ?? bare));
}

/** The dependency graph of `root/src`: repo-relative file → what it depends on (files and packages), and how. */
export function importGraph(root: string): Map<string, { to: string; kind: DependencyKind }[]> {
  const graph = new Map<string, { to: string; kind: DependencyKind }[]>();
  for (const file of sourceFiles(join(root, 'src'))) {
    const dependencies = dependenciesOf(readFileSync(file, 'utf8'), file.endsWith('.tsx')).map((d) => ({ to: resolveSpecifier(root, file, d.specifier), kind: d.kind }));
    graph.set(posix(relative(root, file)), dependencies);
  }
  return graph;
}

type Graph = ReturnType<typeof importGraph>;

function ruleViolations(graph: Graph): Violation[] {
  const out: Violation[] = [];
  for (const [from, dependencies] of graph) {
    const targets = [...new Set(dependencies.map((d) => d.to))];
    for (const rule of RULES) {
      const match = rule.from.exec(from);
      if (!match || rule.fromNot?.test(from)) continue;
      const toNot = rule.toNot ? new RegExp(rule.toNot.replace('$1', match[1] ?? '')) : null;
      for (const to of targets) if (rule.to.test(to) && !toNot?.test(to)) out.push({ rule: rule.name, from, to, comment: rule.comment });
    }
  }
  return out;
}

/**
 * Import cycles among src/ modules (Tarjan's strongly connected components of size > 1). A worker
 * started by URL runs in a realm of its own, so that edge closes no cycle.
 */
function cycles(graph: Graph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const { to: w, kind } of graph.get(v) ?? []) {
      if (kind === 'url' || !graph.has(w)) continue;
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return found;
}

export function checkImports(root: string): Violation[] {
  const graph = importGraph(root);
  const circular = cycles(graph).map((c) => ({ rule: 'no-circular', from: c[0], to: c.slice(1).join(', '), comment: 'Modules that import each other cannot be read (or tested) one at a time.' }));
  return [...ruleViolations(graph), ...circular];
}

if (process.argv[1]?.endsWith('importRules.ts')) {
  const root = process.argv[2] ?? process.cwd();
  const violations = checkImports(root);
  const modules = importGraph(root).size;
  if (violations.length === 0) {
    console.log(`import rules: ${modules} modules, no violation`);
  } else {
    for (const v of violations) console.error(`✘ ${v.rule}: ${v.from} → ${v.to}\n    ${v.comment}`);
    console.error(`import rules: ${violations.length} violation(s) in ${modules} modules`);
    process.exit(1);
  }
}
