// The layers of docs/architecture.md, bottom to top; each may import only from the layers below it (and from
// itself). test/layers.test.ts runs these rules; `npx depcruise --config .dependency-cruiser.cjs scripts policies
// dangerfile.ts` prints any violation with the import that makes it.
const BASE = '^scripts/(generated/|paths\\.ts$|version\\.ts$)';
const layers = [
  { name: 'diagnostics', path: '^scripts/diagnostics/' },
  { name: 'registry', path: '^scripts/registry/' },
  { name: 'engine', path: '^scripts/engine/' },
  // Policies, formats, release artefacts and the importer stand side by side: none imports another.
  { name: 'policies', path: '^policies/', level: 4 },
  { name: 'format', path: '^scripts/format/', level: 4 },
  { name: 'release', path: '^scripts/release/', level: 4 },
  { name: 'importer', path: '^scripts/importer/', level: 4 },
  { name: 'pipeline', path: '^scripts/pipeline/' },
];
const levelOf = (layer, index) => layer.level ?? (index < 3 ? index + 1 : 5);
const leveled = layers.map((layer, index) => ({ ...layer, level: levelOf(layer, index) }));

// Edges (layer 6) sit above every layer: scripts/cli/ (the command line), scripts/action/ (the GitHub Action, which
// reuses the command line's commands), scripts/tools/ (build steps), dangerfile.ts and bin/. No layer imports them.
const forbidden = [
  {
    name: 'no-circular',
    severity: 'error',
    comment: 'A cycle makes two modules one: neither can be read, tested or moved alone.',
    from: {},
    to: { circular: true },
  },
  {
    name: 'base-imports-nothing',
    severity: 'error',
    comment: 'Generated types, the package root and the version are the floor every layer stands on.',
    from: { path: BASE },
    to: { path: '^(scripts|policies)/', pathNot: BASE },
  },
  {
    name: 'cli-does-not-import-the-action',
    severity: 'error',
    comment: 'The action is an adapter over the command line, not the other way round.',
    from: { path: '^scripts/cli/' },
    to: { path: '^scripts/action/' },
  },
  ...leveled.map((layer) => ({
    name: `${layer.name}-imports-only-below`,
    severity: 'error',
    comment: `${layer.name} (layer ${layer.level}) may import only from the layers below it and from itself.`,
    from: { path: layer.path },
    to: {
      path: '^(scripts|policies)/',
      pathNot: [BASE, layer.path, ...leveled.filter((other) => other.level < layer.level).map((other) => other.path)],
    },
  })),
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(build|node_modules|test)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports bind layers as much as value imports do.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
