// @ts-check
/**
 * Synthetic registries for the benchmark: a git repository with a registry of N subprocessor files committed on
 * `main`, and a pull request on a branch on top of it (a few additions, one retirement, some edits).
 *
 * The data is meant to pass `subproc check` with a few warnings, like the shipped registry: places inside and
 * outside the EEA with the mechanism the policies expect (none inside the EEA, dpf or scc or bcr for the US,
 * adequacy where a full decision is in force, scc or bcr elsewhere), EEA and EU regions, some vendors serving
 * only US users, some retired entries, several categories; about 1% of the entries carry a real warning (WORLD
 * or EUROPE as a place, a partial adequacy decision for JP or CA).
 *
 * Dates are written quoted ('2024-03-01'): YAML 1.2 (subproc) reads them as text either way, but ajv-cli reads
 * YAML with js-yaml 3 (YAML 1.1), which would turn an unquoted date into a Date object and fail the schema. For
 * the same reason no place is NO (Norway), which YAML 1.1 reads as false. Both tools then see the same data.
 *
 * Also a command line: node bench/generate.js --size 1000 --out DIR
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

/** git with no user or system configuration, no fsmonitor, and a fixed identity: the same repository anywhere. */
export const GIT_ENV = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const GIT_FLAGS = ['-c', 'core.fsmonitor=false', '-c', 'user.name=subproc bench', '-c', 'user.email=bench@example.invalid'];
GIT_FLAGS.push('-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', '-c', 'core.autocrlf=false');
// No automatic gc: it would start in the background after a commit of many files and run during the measurements.
GIT_FLAGS.push('-c', 'gc.auto=0', '-c', 'maintenance.auto=false');

/**
 * @param {string[]} args
 * @param {string} cwd
 * @returns {string}
 */
export function git(args, cwd) {
  return execFileSync('git', [...GIT_FLAGS, ...args], { cwd, env: GIT_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Mulberry32: a small seeded generator, so every run generates the same registry. */
/** @param {number} seed */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * @template T
 * @param {() => number} random
 * @param {readonly T[]} list
 * @returns {T}
 */
function pick(random, list) {
  const item = list[Math.floor(random() * list.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

/** @param {string} day @param {number} days */
export function addDays(day, days) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export const CATEGORIES = [
  { id: 'hosting', title: 'HOSTING', words: ['Cloud', 'Hosting', 'Compute', 'Edge', 'Storage'] },
  { id: 'backups', title: 'BACKUPS', words: ['Backup', 'Vault', 'Archive'] },
  { id: 'customer-support', title: 'CUSTOMER SUPPORT', words: ['Desk', 'Support', 'Helpline', 'Chat'] },
  { id: 'communication', title: 'COMMUNICATION', words: ['Mail', 'SMS', 'Push', 'Voice'] },
  { id: 'marketing', title: 'MARKETING', words: ['Ads', 'Analytics', 'Insights', 'Reach'] },
  { id: 'logistics', title: 'LOGISTICS', words: ['Logistics', 'Ship', 'Freight', 'Parcel'] },
  { id: 'payment', title: 'PAYMENT', words: ['Pay', 'Billing', 'Checkout', 'Fraud Shield'] },
  { id: 'others', title: 'OTHERS', words: ['Labs', 'Health', 'Translate', 'Survey'] },
];

const PREFIXES = ['Acme', 'Nimbus', 'Blue', 'Nord', 'Alpine', 'Orbit', 'Vertex', 'Lumen', 'Atlas', 'Polar', 'Quartz', 'Helix'];
const PREFIXES_2 = ['Sky', 'Wave', 'Stone', 'Leaf', 'Core', 'Bridge', 'Field', 'Harbor', 'Pine', 'River', 'Spark', 'Tide'];
const TASKS = {
  hosting: ['Hosting of the production infrastructure', 'Storage of account data', 'Content delivery of the web application'],
  backups: ['Encrypted backups of the production databases', 'Disaster recovery copies of user files'],
  'customer-support': ['Handling of customer support requests', 'Live chat with customers', 'Call centre services'],
  communication: ['Sending of transactional emails', 'Sending of text messages for two-factor authentication', 'Push notifications'],
  marketing: ['Measurement of the audience of the website', 'Allows us to present you online ads adapted to your profile'],
  logistics: ['Delivery of products', 'Management of returns and exchanges', 'Warehouse management'],
  payment: ['Payment management', 'Fraud prevention on orders', 'Invoicing'],
  others: ['Translation of support articles', 'Customer satisfaction surveys', 'Review of ECG recordings by a cardiologist'],
};

// IS and LI are in the EEA through EFTA; NO (Norway) is left out on purpose, see the header.
const EEA_COUNTRIES = ['FR', 'DE', 'IE', 'NL', 'BE', 'ES', 'IT', 'SE', 'FI', 'DK', 'PL', 'AT', 'PT', 'CZ', 'LU', 'IS', 'LI'];
const FULL_ADEQUACY = ['GB', 'CH', 'KR', 'NZ', 'IL', 'UY', 'AR', 'JE', 'GG', 'IM', 'AD', 'FO'];
const THIRD_COUNTRIES = ['IN', 'SG', 'AU', 'BR', 'PH', 'ZA', 'MX', 'MA', 'TN', 'VN', 'TR', 'RS', 'UA'];

/**
 * @typedef {{ place: string; users?: string[]; mechanism?: string; mechanismDetail?: string; since?: string }} Location
 * @typedef {{
 *   id: string; name: string; legalEntity?: string; category: string; service?: string; tasks: string[];
 *   users?: string[]; locations: Location[]; status: 'active' | 'retired'; since?: string;
 *   retired?: { on: string; reason: string };
 *   links?: { website?: string; dpa?: string; privacyPolicy?: string };
 *   notes?: string;
 * }} Subprocessor
 */

/** @param {() => number} random @returns {Location} */
function eeaLocation(random) {
  const r = random();
  if (r < 0.15) return { place: 'EEA', mechanism: 'none', mechanismDetail: 'data hosted within the EEA' };
  if (r < 0.2) return { place: 'EU', mechanism: 'none' };
  const location = { place: pick(random, EEA_COUNTRIES), mechanism: 'none' };
  return random() < 0.4 ? { ...location, mechanismDetail: 'data hosted within the EEA' } : location;
}

/** @param {() => number} random @returns {string} */
function usMechanism(random) {
  const r = random();
  return r < 0.55 ? 'dpf' : r < 0.9 ? 'scc' : 'bcr';
}

/**
 * The places of one vendor, by profile. Returns the vendor-level user scope too ([US] vendors).
 * @param {() => number} random
 * @returns {{ locations: Location[]; users?: string[] }}
 */
function placesFor(random) {
  const r = random();
  if (r < 0.34) {
    const first = eeaLocation(random);
    const second = random() < 0.3 ? eeaLocation(random) : undefined;
    return { locations: second && second.place !== first.place ? [first, second] : [first] };
  }
  if (r < 0.59) return { locations: [eeaLocation(random), { place: 'US', mechanism: usMechanism(random) }] };
  if (r < 0.74) return { locations: [{ place: 'US', mechanism: usMechanism(random) }] };
  if (r < 0.84) {
    const adequate = { place: pick(random, FULL_ADEQUACY), mechanism: 'adequacy' };
    return { locations: random() < 0.5 ? [eeaLocation(random), adequate] : [adequate] };
  }
  if (r < 0.93) {
    const third = { place: pick(random, THIRD_COUNTRIES), mechanism: random() < 0.75 ? 'scc' : 'bcr' };
    return { locations: random() < 0.6 ? [eeaLocation(random), third] : [third] };
  }
  if (r < 0.96) {
    // "[US Only]" vendors: no EEA user's data, so no transfer mechanism is needed.
    return { users: ['US'], locations: [{ place: 'US', mechanism: 'none', mechanismDetail: 'only for American users' }] };
  }
  if (r < 0.99) {
    // Klarna-like: each place serves its own users.
    return {
      locations: [
        { place: pick(random, ['IE', 'SE', 'DE']), users: ['EUROPE'], mechanism: 'none' },
        { place: 'US', users: ['NORTH_AMERICA'], mechanism: 'none', mechanismDetail: 'data of North American users only' },
      ],
    };
  }
  // About 1%: the warnings a real registry has (vague-location, or a partial adequacy decision to confirm).
  const w = random();
  if (w < 0.4) return { locations: [eeaLocation(random), { place: 'WORLD', mechanism: 'scc' }] };
  if (w < 0.6) return { locations: [{ place: 'EUROPE', mechanism: 'none' }] };
  return { locations: [eeaLocation(random), { place: pick(random, ['JP', 'CA']), mechanism: 'adequacy' }] };
}

/** @param {number} index @param {() => number} random @param {number} width @returns {Subprocessor} */
function vendor(index, random, width) {
  const category = pick(random, CATEGORIES);
  const number = String(index).padStart(width, '0');
  const brand = `${pick(random, PREFIXES)}${pick(random, PREFIXES_2).toLowerCase()}`;
  const name = `${brand} ${pick(random, category.words)} ${number}`;
  const id = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const tasks = TASKS[/** @type {keyof typeof TASKS} */ (category.id)];
  const taskCount = 1 + Math.floor(random() * Math.min(3, tasks.length));
  const { locations, users } = placesFor(random);
  /** @type {Subprocessor} */
  const sub = { id, name, category: category.id, tasks: tasks.slice(0, taskCount), locations, status: 'active' };
  if (random() < 0.5) sub.legalEntity = `${name}, ${pick(random, ['Inc.', 'Ltd', 'SAS', 'GmbH', 'B.V.'])}`;
  if (random() < 0.9) sub.service = `${category.title.charAt(0)}${category.title.slice(1).toLowerCase()} services`;
  if (users) sub.users = users;
  if (random() < 0.3) sub.since = addDays('2018-01-01', Math.floor(random() * 2500));
  if (random() < 0.05) {
    sub.status = 'retired';
    sub.retired = { on: addDays('2024-01-01', Math.floor(random() * 600)), reason: 'Contract ended; the service moved to another vendor' };
  }
  if (random() < 0.4) {
    const host = `${id}.example.com`;
    sub.links = { website: `https://${host}/`, dpa: `https://${host}/legal/dpa`, privacyPolicy: `https://${host}/privacy` };
  }
  if (random() < 0.1) sub.notes = `Reviewed by the privacy team; contract reference ${number}.`;
  return sub;
}

const PLAIN = /^[A-Za-z0-9][A-Za-z0-9 ,.()/_-]*$/;
const YAML_WORDS = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

/** A scalar as the yaml library would write it: plain when safe, else single-quoted. @param {string} text */
function scalar(text) {
  if (PLAIN.test(text) && !YAML_WORDS.test(text) && !/^[0-9]/.test(text) && !text.endsWith(' ')) return text;
  return `'${text.replaceAll("'", "''")}'`;
}

/** @param {string[]} codes */
const flow = (codes) => `[${codes.join(', ')}]`;

/** One file, keys in schema order, as scripts/registry/write-yaml.ts writes them. @param {Subprocessor} s */
export function subprocessorYaml(s) {
  const lines = ['# yaml-language-server: $schema=../../schemas/subprocessor.schema.json', `id: ${s.id}`, `name: ${scalar(s.name)}`];
  if (s.legalEntity !== undefined) lines.push(`legalEntity: ${scalar(s.legalEntity)}`);
  lines.push(`category: ${s.category}`);
  if (s.service !== undefined) lines.push(`service: ${scalar(s.service)}`);
  lines.push('tasks:', ...s.tasks.map((t) => `  - ${scalar(t)}`));
  if (s.users) lines.push(`users: ${flow(s.users)}`);
  lines.push('locations:');
  for (const l of s.locations) {
    lines.push(`  - place: ${l.place}`);
    if (l.users) lines.push(`    users: ${flow(l.users)}`);
    if (l.mechanism !== undefined) lines.push(`    mechanism: ${l.mechanism}`);
    if (l.mechanismDetail !== undefined) lines.push(`    mechanismDetail: ${scalar(l.mechanismDetail)}`);
    if (l.since !== undefined) lines.push(`    since: '${l.since}'`);
  }
  lines.push(`status: ${s.status}`);
  if (s.since !== undefined) lines.push(`since: '${s.since}'`);
  if (s.retired) lines.push('retired:', `  on: '${s.retired.on}'`, `  reason: ${scalar(s.retired.reason)}`);
  if (s.links) {
    lines.push('links:');
    for (const [key, url] of Object.entries(s.links)) lines.push(`  ${key}: ${url}`);
  }
  if (s.notes !== undefined) lines.push(`notes: ${scalar(s.notes)}`);
  return `${lines.join('\n')}\n`;
}

function settingsYaml() {
  const lines = [
    '# yaml-language-server: $schema=../schemas/registry.schema.json',
    'title: Example Group Subprocessors (synthetic benchmark registry)',
    'introduction: A synthetic registry generated by bench/generate.js to measure subproc at scale.',
    'controller:',
    '  name: Example Group',
    '  country: FR',
    'noticePeriodDays: 30',
    'categories:',
  ];
  for (const c of CATEGORIES) lines.push(`  - id: ${c.id}`, `    title: ${c.title}`);
  return `${lines.join('\n')}\n`;
}

export const PR_BRANCH = 'pr/new-vendors';

/**
 * Writes the registry, commits it on main, then commits the pull request on PR_BRANCH and checks main out again.
 * @param {{ dir: string; size: number; today: string; publicKey?: string; seed?: number }} options
 * @returns {{ dir: string; size: number; branch: string; pr: { added: string[]; retired: string[]; tasks: string[]; mechanisms: string[] } }}
 */
export function generateRepository({ dir, size, today, publicKey, seed = 20261124 }) {
  const random = prng(seed + size);
  const subDir = join(dir, 'registry', 'subprocessors');
  mkdirSync(subDir, { recursive: true });
  git(['init', '-q', '-b', 'main'], dir);
  writeFileSync(join(dir, '.gitignore'), 'dist/\n');
  writeFileSync(join(dir, 'registry', 'registry.yaml'), settingsYaml());
  if (publicKey !== undefined) {
    mkdirSync(join(dir, 'keys'), { recursive: true });
    writeFileSync(join(dir, 'keys', 'minisign.pub'), publicKey);
  }
  const width = String(size + 10).length;
  /** @type {Subprocessor[]} */
  const all = [];
  for (let i = 1; i <= size; i++) {
    const sub = vendor(i, random, width);
    all.push(sub);
    writeFileSync(join(subDir, `${sub.id}.yaml`), subprocessorYaml(sub));
  }
  git(['add', '-A'], dir);
  git(['commit', '-q', '--no-verify', '-m', `Registry of ${size} subprocessors`], dir);

  // The pull request: five additions announced 45 days ahead (notice period 30), one retirement, four task
  // edits and two mechanism changes (scc to dpf for the US, a notice-worthy change).
  git(['checkout', '-q', '-b', PR_BRANCH], dir);
  const pr = { added: /** @type {string[]} */ ([]), retired: /** @type {string[]} */ ([]), tasks: /** @type {string[]} */ ([]) };
  const mechanisms = /** @type {string[]} */ ([]);
  const start = addDays(today, 45);
  const additions = [
    [{ place: 'FR', mechanism: 'none' }],
    [
      { place: 'IE', mechanism: 'none' },
      { place: 'US', mechanism: 'dpf' },
    ],
    [{ place: 'GB', mechanism: 'adequacy' }],
    [
      { place: 'EEA', mechanism: 'none' },
      { place: 'IN', mechanism: 'scc' },
    ],
    [{ place: 'DE', mechanism: 'none', mechanismDetail: 'data hosted within the EEA' }],
  ];
  additions.forEach((locations, k) => {
    const sub = { ...vendor(size + 1 + k, random, width), locations, status: /** @type {const} */ ('active'), since: start };
    delete sub.retired;
    delete sub.users;
    pr.added.push(sub.id);
    writeFileSync(join(subDir, `${sub.id}.yaml`), subprocessorYaml(sub));
  });
  const active = all.filter((s) => s.status === 'active' && s.users === undefined);
  const edit = (/** @type {Subprocessor} */ sub) => {
    writeFileSync(join(subDir, `${sub.id}.yaml`), subprocessorYaml(sub));
  };
  const toRetire = active[Math.floor(active.length / 2)];
  if (toRetire) {
    edit({ ...toRetire, status: 'retired', retired: { on: addDays(today, 40), reason: 'Replaced by an in-house service' } });
    pr.retired.push(toRetire.id);
  }
  for (const k of [1, 3, 5, 7]) {
    const sub = active[Math.floor((active.length * k) / 9)];
    if (!sub || sub === toRetire) continue;
    edit({ ...sub, tasks: [...sub.tasks.slice(0, -1), `${sub.tasks.at(-1) ?? 'Processing'}, including the mobile application`] });
    pr.tasks.push(sub.id);
  }
  const sccUs = active.filter(
    (s) => s !== toRetire && !pr.tasks.includes(s.id) && s.locations.some((l) => l.place === 'US' && l.mechanism === 'scc'),
  );
  for (const sub of [sccUs[0], sccUs.at(-1)]) {
    if (!sub || mechanisms.includes(sub.id)) continue;
    edit({ ...sub, locations: sub.locations.map((l) => (l.place === 'US' && l.mechanism === 'scc' ? { ...l, mechanism: 'dpf' } : l)) });
    mechanisms.push(sub.id);
  }
  git(['add', '-A'], dir);
  git(['commit', '-q', '--no-verify', '-m', 'Announce five vendors, retire one, update tasks and mechanisms'], dir);
  git(['checkout', '-q', 'main'], dir);
  // Packed, as a clone is: read from loose objects, 10,000 blobs cost seconds of system time that CI never pays.
  git(['gc', '-q', '--prune=now'], dir);
  return { dir, size, branch: PR_BRANCH, pr: { ...pr, mechanisms } };
}

// Command line: node bench/generate.js --size N --out DIR
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { size: { type: 'string', default: '1000' }, out: { type: 'string' } } });
  if (values.out === undefined) {
    process.stderr.write('usage: node bench/generate.js --size N --out DIR (DIR must not exist or be empty)\n');
    process.exit(2);
  }
  const result = generateRepository({ dir: values.out, size: Number(values.size), today: new Date().toISOString().slice(0, 10) });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
