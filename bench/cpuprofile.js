// @ts-check
/**
 * Summarises a V8 .cpuprofile (node --cpu-prof): self time by module, time with a module on the stack, and the
 * top functions by self and by inclusive time.
 *
 *   node bench/cpuprofile.js FILE.cpuprofile [--top 20]
 *
 * Modules: a package under node_modules (yaml, ajv, ...), a file of subproc (build/scripts/..., build/policies/..., the
 * command line's bundle build/bundle/...),
 * a Node built-in (node:internal/fs/...), or V8's pseudo-frames: (garbage collector), (program) (the VM itself:
 * parsing and compiling JavaScript, among others), (idle) (waiting, for git or the disk). Frames without a URL are
 * native functions (fs bindings, module compilation) or code compiled at run time (Ajv's validators when it
 * compiles schemas in the process): "(native or eval)". The inclusive views leave out the promise and microtask
 * plumbing (runMicrotasks, node:internal/process/task_queues), which is on the stack of every async continuation.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/**
 * @typedef {{ functionName: string; url: string; lineNumber: number; columnNumber: number }} CallFrame
 * @typedef {{ id: number; callFrame: CallFrame; children?: number[] }} ProfileNode
 * @typedef {{ nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }} Profile
 */

const PLUMBING = new Set(['(root)', 'runMicrotasks', 'processTicksAndRejections']);

/** @param {CallFrame} frame */
export function moduleOf(frame) {
  const { url, functionName } = frame;
  if (url === '') return functionName.startsWith('(') ? functionName : '(native or eval)';
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg?.[1] !== undefined) return pkg[1];
  const own = /\/((?:build\/)?(?:scripts|policies)\/.*|build\/bundle\/.*|bin\/[^/]+)$/.exec(url);
  if (own?.[1] !== undefined) return own[1];
  if (url.startsWith('node:')) return url.split('/').slice(0, 3).join('/');
  return url;
}

/** @param {CallFrame} frame */
function functionOf(frame) {
  const where = frame.url === '' ? '' : ` ${moduleOf(frame)}:${frame.lineNumber + 1}`;
  return `${frame.functionName || '(anonymous)'}${where}`;
}

/**
 * @param {Profile} profile
 * @returns {{ totalMs: number; selfByModule: Map<string, number>; stackByModule: Map<string, number>; selfByFunction: Map<string, number>; inclusiveByFunction: Map<string, number> }}
 */
export function summarise(profile) {
  /** @type {Map<number, ProfileNode>} */
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  /** @type {Map<number, number>} */
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const add = (/** @type {Map<string, number>} */ map, /** @type {string} */ key, /** @type {number} */ value) => {
    map.set(key, (map.get(key) ?? 0) + value);
  };
  const selfByModule = new Map();
  const stackByModule = new Map();
  const selfByFunction = new Map();
  const inclusiveByFunction = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    total += ms;
    const node = byId.get(id);
    if (!node) return;
    add(selfByModule, moduleOf(node.callFrame), ms);
    add(selfByFunction, functionOf(node.callFrame), ms);
    // Every module and function on the stack once, however deep the recursion.
    const modules = new Set();
    const functions = new Set();
    for (let at = /** @type {number | undefined} */ (id); at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (!frame || PLUMBING.has(frame.functionName) || frame.url.startsWith('node:internal/process/task_queues')) continue;
      modules.add(moduleOf(frame));
      functions.add(functionOf(frame));
    }
    for (const m of modules) add(stackByModule, m, ms);
    for (const f of functions) add(inclusiveByFunction, f, ms);
  });
  return { totalMs: total, selfByModule, stackByModule, selfByFunction, inclusiveByFunction };
}

/**
 * @param {Map<string, number>} map @param {number} total @param {number} top @param {(key: string) => boolean} [keep]
 */
function lines(map, total, top, keep = () => true) {
  return [...map]
    .filter(([key]) => keep(key))
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, ms]) => `  ${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${key}`);
}

/** @param {Profile} profile @param {number} top */
export function report(profile, top = 20) {
  const s = summarise(profile);
  const own = (/** @type {string} */ key) => /(^|\s)(build\/)?(scripts|policies|bundle)\//.test(key);
  return [
    `sampled ${s.totalMs.toFixed(0)} ms (profile ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms)`,
    'self time by module:',
    ...lines(s.selfByModule, s.totalMs, top),
    'time with the module on the stack (inclusive):',
    ...lines(s.stackByModule, s.totalMs, top),
    'top functions by self time:',
    ...lines(s.selfByFunction, s.totalMs, top),
    "subproc's functions by inclusive time:",
    ...lines(s.inclusiveByFunction, s.totalMs, top, own),
  ].join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '20' } } });
  const file = positionals[0];
  if (file === undefined) {
    process.stderr.write('usage: node bench/cpuprofile.js FILE.cpuprofile [--top 20]\n');
    process.exit(2);
  }
  const profile = /** @type {Profile} */ (JSON.parse(readFileSync(file, 'utf8')));
  process.stdout.write(`${report(profile, Number(values.top))}\n`);
}
