/**
 * The one builder of registry YAML for tests: subprocessor files and registry.yaml settings.
 *
 * Fields are written in the order of schemas/subprocessor.schema.json, one line each, so a test can tell where a
 * finding must point. With the defaults (and one task, no optional field) the layout is:
 *
 *   1 id: acme            5   - Hosting               9 status: active
 *   2 name: Vendor acme   6 locations:
 *   3 category: hosting   7   - place: FR           ← the first location's place
 *   4 tasks:              8     mechanism: none
 *
 * `legalEntity` adds a line after the name, `service` after the category, each further task one after line 5,
 * `dataCategories` and `dataSubjects` one each after the tasks, `users` one before `locations:`; inside a location the
 * lines are place, users, mechanism, mechanisms, mechanismDetail, dataCategories, since;
 * after the status come since, the retired block (on, reason), links and notes. `lineOf` finds a line by its text
 * where counting would obscure what the test means.
 */

/** One entry of `locations:`. */
export interface LocationSpec {
  readonly place: string;
  readonly users?: readonly string[];
  /** Omitted from the file when undefined: a location with no mechanism. */
  readonly mechanism?: string;
  /** Written as a flow list on the line after `mechanism` (when both are given, as a file that breaks the schema would). */
  readonly mechanisms?: readonly string[];
  readonly mechanismDetail?: string;
  /** Written as a flow list after mechanismDetail: the categories at this place, replacing the vendor's. */
  readonly dataCategories?: readonly string[];
  /** `when:` as flow YAML, `{ residency: [eu-cloud] }`, on the line before `since`. */
  readonly when?: string;
  readonly since?: string;
}

export interface VendorSpec {
  /** Default `Vendor ID`. */
  readonly name?: string;
  readonly legalEntity?: string;
  /** Default `hosting`, the one category of `settingsYaml()`. */
  readonly category?: string;
  readonly service?: string;
  /** Default `['Hosting']`. */
  readonly tasks?: readonly string[];
  /** Each written as a flow list on one line after the tasks. */
  readonly dataCategories?: readonly string[];
  readonly dataSubjects?: readonly string[];
  readonly users?: readonly string[];
  /** `when:` as flow YAML, `{ feature: [ai-features] }`, on the line before `locations:` (after `users`). */
  readonly when?: string;
  /** Default one location in France with mechanism none: a valid entry no transfer policy reports. */
  readonly locations?: readonly LocationSpec[];
  /** Default `active`, or `retired` when `retired` is given. */
  readonly status?: string;
  readonly since?: string;
  readonly retired?: { readonly on: string; readonly reason: string };
  readonly links?: Readonly<Record<string, string>>;
  readonly notes?: string;
  /** The editor's `# yaml-language-server: $schema=…` first line, as the shipped files have (every line moves down one). */
  readonly schemaComment?: boolean;
}

const list = (values: readonly string[]) => `[${values.join(', ')}]`;

function locationLines(location: LocationSpec): string[] {
  return [
    `  - place: ${location.place}`,
    ...(location.users ? [`    users: ${list(location.users)}`] : []),
    ...(location.mechanism === undefined ? [] : [`    mechanism: ${location.mechanism}`]),
    ...(location.mechanisms === undefined ? [] : [`    mechanisms: ${list(location.mechanisms)}`]),
    ...(location.mechanismDetail === undefined ? [] : [`    mechanismDetail: ${location.mechanismDetail}`]),
    ...(location.dataCategories === undefined ? [] : [`    dataCategories: ${list(location.dataCategories)}`]),
    ...(location.when === undefined ? [] : [`    when: ${location.when}`]),
    ...(location.since === undefined ? [] : [`    since: ${location.since}`]),
  ];
}

/** A subprocessor file (registry/subprocessors/ID.yaml), valid unless the spec says otherwise. */
export function vendorYaml(id: string, spec: VendorSpec = {}): string {
  const locations = spec.locations ?? [{ place: 'FR', mechanism: 'none' }];
  const lines = [
    ...(spec.schemaComment ? ['# yaml-language-server: $schema=../../schemas/subprocessor.schema.json'] : []),
    `id: ${id}`,
    `name: ${spec.name ?? `Vendor ${id}`}`,
    ...(spec.legalEntity === undefined ? [] : [`legalEntity: ${spec.legalEntity}`]),
    `category: ${spec.category ?? 'hosting'}`,
    ...(spec.service === undefined ? [] : [`service: ${spec.service}`]),
    'tasks:',
    ...(spec.tasks ?? ['Hosting']).map((task) => `  - ${task}`),
    ...(spec.dataCategories ? [`dataCategories: ${list(spec.dataCategories)}`] : []),
    ...(spec.dataSubjects ? [`dataSubjects: ${list(spec.dataSubjects)}`] : []),
    ...(spec.users ? [`users: ${list(spec.users)}`] : []),
    ...(spec.when === undefined ? [] : [`when: ${spec.when}`]),
    'locations:',
    ...locations.flatMap(locationLines),
    `status: ${spec.status ?? (spec.retired ? 'retired' : 'active')}`,
    ...(spec.since === undefined ? [] : [`since: ${spec.since}`]),
    ...(spec.retired ? ['retired:', `  on: ${spec.retired.on}`, `  reason: ${spec.retired.reason}`] : []),
    ...(spec.links ? ['links:', ...Object.entries(spec.links).map(([key, url]) => `  ${key}: ${url}`)] : []),
    ...(spec.notes === undefined ? [] : [`notes: ${spec.notes}`]),
  ];
  return `${lines.join('\n')}\n`;
}

export interface SettingsSpec {
  /** Default `FR`. */
  readonly country?: string;
  /** The publisher's role; default none written (a controller). */
  readonly role?: 'controller' | 'processor';
  /** Default 30. */
  readonly noticePeriodDays?: number;
  /** Category ids, each titled with its id capitalised (`hosting`: `Hosting`); default `['hosting']`. */
  readonly categories?: readonly string[];
  /** `scopes:` declared after the categories, each on three lines (id, kind, title). */
  readonly scopes?: readonly { readonly id: string; readonly kind: string; readonly title: string }[];
  /** `jurisdictions:`, written as a flow list after the notice period; default none written (the EU GDPR alone). */
  readonly jurisdictions?: readonly string[];
}

/**
 * registry/registry.yaml: controller on lines 1-3 (country on line 3), noticePeriodDays on line 4, categories from
 * line 5. Policy settings and waivers are appended by the tests that need them, from line 5 + 2 × categories.
 */
export function settingsYaml(spec: SettingsSpec = {}): string {
  const categories = spec.categories ?? ['hosting'];
  const title = (id: string) => id.charAt(0).toUpperCase() + id.slice(1);
  return [
    'controller:',
    '  name: Example',
    `  country: ${spec.country ?? 'FR'}`,
    ...(spec.role ? [`  role: ${spec.role}`] : []),
    `noticePeriodDays: ${String(spec.noticePeriodDays ?? 30)}`,
    ...(spec.jurisdictions ? [`jurisdictions: [${spec.jurisdictions.join(', ')}]`] : []),
    'categories:',
    ...categories.flatMap((id) => [`  - id: ${id}`, `    title: ${title(id)}`]),
    ...(spec.scopes ? ['scopes:', ...spec.scopes.flatMap((s) => [`  - id: ${s.id}`, `    kind: ${s.kind}`, `    title: ${s.title}`])] : []),
    '',
  ].join('\n');
}

/** The 1-based line of the first line of `yaml` that contains `text`; throws when there is none. */
export function lineOf(yaml: string, text: string): number {
  const index = yaml.split('\n').findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`no line contains ${JSON.stringify(text)}`);
  return index + 1;
}
