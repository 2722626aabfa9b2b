// Import cycles between folders (src-main/api ↔ src-main/services), which file-level checks miss when no single
// file cycle exists. Reads dependency-cruiser's graph; prints each cycle and exits 1 when there is one.
import { statSync } from 'node:fs';
import { cruise } from 'dependency-cruiser';

const ROOTS = ['src-main', 'src-renderer', 'src-shared'];

/**
 * A file's folder: the first folder below its root (`src-main/suppliers/seagm/map.ts` → `src-main/suppliers`). A file
 * directly under a root (an entry point such as `src-renderer/App.tsx`) stands for itself.
 */
function folderOf(path) {
  const parts = path.split('/');
  return parts.length > 2 ? parts.slice(0, 2).join('/') : path;
}

const result = await cruise(
  ROOTS.filter((root) => existsDir(root)),
  {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  },
);
const edges = new Map();
const witness = new Map();
for (const module of result.output.modules) {
  const from = folderOf(module.source);
  for (const dependency of module.dependencies) {
    if (
      dependency.coreModule ||
      dependency.couldNotResolve ||
      !ROOTS.some((root) => dependency.resolved.startsWith(`${root}/`))
    )
      continue;
    const to = folderOf(dependency.resolved);
    if (to === from) continue;
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from).add(to);
    if (!witness.has(`${from}→${to}`)) witness.set(`${from}→${to}`, `${module.source} → ${dependency.resolved}`);
  }
}

// Tarjan's strongly connected components: every component of more than one folder is a cycle.
let index = 0;
const indices = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
const cycles = [];
function connect(node) {
  indices.set(node, index);
  low.set(node, index++);
  stack.push(node);
  onStack.add(node);
  for (const next of edges.get(node) ?? []) {
    if (!indices.has(next)) {
      connect(next);
      low.set(node, Math.min(low.get(node), low.get(next)));
    } else if (onStack.has(next)) {
      low.set(node, Math.min(low.get(node), indices.get(next)));
    }
  }
  if (low.get(node) === indices.get(node)) {
    const component = [];
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1) cycles.push(component.sort());
  }
}
for (const node of edges.keys()) if (!indices.has(node)) connect(node);

for (const cycle of cycles) {
  process.stdout.write(`folder cycle: ${cycle.join(' ↔ ')}\n`);
  for (const from of cycle) {
    for (const to of cycle) {
      const example = witness.get(`${from}→${to}`);
      if (example) process.stdout.write(`  ${example}\n`);
    }
  }
}
if (cycles.length) process.exit(1);
process.stdout.write('no folder cycles\n');

function existsDir(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
