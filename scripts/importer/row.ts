/** One cell of an imported table, with where it starts in the source file (1-based). */
export interface Cell {
  readonly text: string;
  readonly line: number;
  readonly column: number;
  /** The header of its column as the file writes it ("Location"), so a message names the column the user sees. */
  readonly header?: string;
}

/** One subprocessor row as read from a page or a CSV file, before any mapping. */
export interface RawRow {
  readonly line: number;
  readonly category: Cell;
  readonly name: Cell;
  readonly place: Cell;
  readonly mechanism: Cell;
  /**
   * "Service <i>task</i> <i>task</i>" (the seed page's column), or the service alone when tasks come in their own
   * cell; empty, positioned at the tasks cell, when the list gives only a purpose.
   */
  readonly service: Cell;
  readonly tasks?: Cell;
  /** Data categories and subjects, ids or titles (vocabulary-cells.ts); absent when the file has no such column. */
  readonly dataCategories?: Cell;
  readonly dataSubjects?: Cell;
  /** The code columns of the release's CSV (ID, User codes, Place codes, …), read exactly when the file has them. */
  readonly codes?: CodeCells;
  /** The release CSV's Status, Since, Retired on and Retirement reason, when the file has any of them (status-cells.ts). */
  readonly lifecycle?: LifecycleCells;
}

/** The cells that say whether a vendor is upcoming, active or retired: each present only when the header has it. */
export interface LifecycleCells {
  readonly status?: Cell;
  readonly since?: Cell;
  readonly retiredOn?: Cell;
  readonly retirementReason?: Cell;
}

/** The release CSV's code columns: each present only when the header has it. */
export interface CodeCells {
  readonly id?: Cell;
  readonly users?: Cell;
  readonly places?: Cell;
  readonly placeUsers?: Cell;
  readonly mechanisms?: Cell;
}

/** A row as a reader sees it: its category is known only once the whole file has been read (sections.ts). */
export type DraftRow = Omit<RawRow, 'category'> & { readonly category?: Cell };

/** What a page says besides its rows. */
export interface PageInfo {
  readonly title?: string;
  readonly introduction?: string;
  readonly categories: readonly { id: string; title: string }[];
}

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Column names a header row may use, compared after headerKey(): the seed page's wording first, then what processors'
 * published lists call them. `purpose` is free text; `service` is the seed page's column whose italics mark the tasks.
 */
export const COLUMN_NAMES = {
  name: [
    'subcontractor',
    'subprocessor',
    'sub processor',
    'subprocessor name',
    'sub processor name',
    'name',
    'vendor',
    'vendor name',
    'company',
    'company name',
    'entity',
    'entity name',
    'legal entity',
    'provider',
    'provider name',
    'service provider',
  ],
  place: [
    'storage place',
    'location',
    'locations',
    'storage location',
    'place',
    'country',
    'countries',
    'region',
    'regions',
    'data location',
    'data locations',
    'hosting location',
    'processing location',
    'location of processing',
    'country of processing',
  ],
  mechanism: [
    'mechanism allowing international data transfer',
    'transfer mechanism',
    'transfer mechanisms',
    'mechanism',
    'safeguard',
    'safeguards',
    'transfer safeguard',
    'transfer safeguards',
    'legal basis for transfer',
    'legal basis for transfers',
    'transfer basis',
  ],
  service: ['service provided and performed task'],
  purpose: [
    'purpose',
    'purposes',
    'service provided',
    'service',
    'services',
    'description',
    'nature of processing',
    'activity',
    'activities',
    'processing activity',
    'processing activities',
    'purpose of processing',
  ],
  tasks: ['performed task', 'performed tasks', 'task', 'tasks'],
  category: ['category', 'categories', 'section'],
  // The release CSV's exact columns, and the columns it writes for people that the codes stand for.
  id: ['id'],
  userCodes: ['user codes'],
  placeCodes: ['place codes'],
  placeUserCodes: ['place user codes'],
  mechanismCodes: ['mechanism codes'],
  users: ['users'],
  status: ['status'],
  since: ['since'],
  retiredOn: ['retired on'],
  retirementReason: ['retirement reason'],
  dataCategories: ['data categories', 'data category', 'categories of personal data', 'types of personal data', 'personal data'],
  dataCategoryCodes: ['data category codes'],
  dataSubjects: ['data subjects', 'data subject', 'categories of data subjects'],
  dataSubjectCodes: ['data subject codes'],
} as const;

/** The code columns, by the RawRow field they fill. */
const CODE_COLUMNS = {
  id: 'id',
  users: 'userCodes',
  places: 'placeCodes',
  placeUsers: 'placeUserCodes',
  mechanisms: 'mechanismCodes',
} as const satisfies Record<keyof CodeCells, ColumnKind>;

type ColumnKind = keyof typeof COLUMN_NAMES;

/** What a row's cells are read as, once the header is resolved. */
export type Column =
  | 'name'
  | 'place'
  | 'mechanism'
  | 'service'
  | 'tasks'
  | 'category'
  | 'id'
  | 'userCodes'
  | 'placeCodes'
  | 'placeUserCodes'
  | 'mechanismCodes'
  | 'dataCategories'
  | 'dataSubjects'
  | keyof LifecycleCells;

/** How messages name a missing column, with the other names accepted for it. */
export const COLUMN_LABELS: Readonly<Record<'name' | 'place' | 'mechanism' | 'service', { label: string; accepted: string }>> = {
  name: { label: 'Subprocessor', accepted: 'Subprocessor, Sub-processor, Subcontractor, Name, Vendor, Company, Entity, Provider' },
  place: {
    label: 'Location',
    accepted: 'Location, Country, Countries, Region, Data location, Hosting location, Storage place',
  },
  mechanism: {
    label: 'Transfer mechanism',
    accepted: 'Transfer mechanism, Safeguard(s), Transfer safeguard, Legal basis for transfer, Transfer basis',
  },
  service: {
    label: 'Purpose',
    accepted:
      'Purpose, Service, Description, Nature of processing, Activity, Processing activities, Performed task, Service provided and Performed task',
  },
};

/** Case, punctuation, markup and surrounding space do not tell two header names apart ("Sub-processor:" = "sub processor"). */
export function headerKey(header: string): string {
  return header
    .replace(/<\/?i>/gi, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function kindOf(header: string): ColumnKind | undefined {
  const key = headerKey(header);
  if (!key) return undefined;
  for (const [kind, names] of Object.entries(COLUMN_NAMES) as [ColumnKind, readonly string[]][]) {
    if (names.includes(key)) return kind;
  }
  return undefined;
}

export interface Header {
  /** Where each column the importer reads sits in a row. */
  readonly columns: ReadonlyMap<Column, number>;
  /** Header cells the importer does not read: named in a notice, never silently dropped. */
  readonly ignored: readonly Cell[];
  readonly cells: readonly Cell[];
}

/**
 * Which column each header cell names. A purpose is the service when a task column sits beside it; alone, it is the
 * task (a schema entry needs one). Two purpose columns without a task column: the first is the service, the second
 * the task. The first of two columns of one kind wins; the other is ignored, and said so.
 */
export function resolveHeader(cells: readonly Cell[]): Header {
  const found = new Map<ColumnKind, number[]>();
  cells.forEach((cell, i) => {
    const kind = cell.text ? kindOf(cell.text) : undefined;
    if (kind) found.set(kind, [...(found.get(kind) ?? []), i]);
  });
  const first = (kind: ColumnKind) => found.get(kind)?.[0];
  const columns = new Map<Column, number>();
  const set = (column: Column, index: number | undefined) => {
    if (index !== undefined) columns.set(column, index);
  };
  for (const kind of ['name', 'place', 'mechanism', 'category', ...Object.values(CODE_COLUMNS)] as const) set(kind, first(kind));
  for (const kind of ['since', 'retiredOn', 'retirementReason'] as const) set(kind, first(kind));
  // Status is the release CSV's word (active, upcoming (from …), retiring (on …), retired), read only beside its ID
  // column: another list's Status column ("approved", "in review") says something else and stays unread.
  if (columns.has('id')) set('status', first('status'));
  // The release CSV writes both the words and the ids: the ids are read, the words stand for them.
  const vocabularyUnread: number[] = [];
  for (const [column, codes] of [
    ['dataCategories', 'dataCategoryCodes'],
    ['dataSubjects', 'dataSubjectCodes'],
  ] as const) {
    if (first(codes) !== undefined) {
      set(column, first(codes));
      vocabularyUnread.push(...(found.get(column) ?? []));
    } else set(column, first(column));
  }
  const purposes = found.get('purpose') ?? [];
  const tasks = first('tasks');
  if (first('service') !== undefined) {
    set('service', first('service'));
    set('tasks', tasks);
  } else if (tasks !== undefined) {
    set('tasks', tasks);
    set('service', purposes[0]);
  } else if (purposes.length >= 2) {
    set('service', purposes[0]);
    set('tasks', purposes[1]);
  } else set('tasks', purposes[0]);
  const used = new Set(columns.values());
  // A Status column without the ID column (another list's own workflow) and the release CSV's Users in words (when
  // the codes stand beside them) are not read, and need no notice.
  // Nor are its coverage columns ("Coverage under UK GDPR", "Coverage codes under uk-gdpr"): the release computes them
  // from the mechanisms and the laws' data.
  const coverage = cells.flatMap((cell, i) => (/^coverage (codes )?under /.test(headerKey(cell.text)) && !used.has(i) ? [i] : []));
  const unread = [
    ...(columns.has('status') ? [] : (found.get('status') ?? [])),
    ...(columns.has('userCodes') ? (found.get('users') ?? []) : []),
    ...vocabularyUnread,
    ...coverage,
  ];
  for (const i of unread) used.add(i);
  const ignored = cells.filter((cell, i) => cell.text && !used.has(i));
  return { columns, ignored, cells };
}

/** Whether a row of cells is a header row: it names the vendor and at least one other column. */
export function isHeader(header: Header): boolean {
  return header.columns.has('name') && header.columns.size >= 2;
}

/** The columns a header must have for rows to be read; a purpose or a task column stands for the service. */
export function missingColumns(header: Header): (keyof typeof COLUMN_LABELS)[] {
  const missing: (keyof typeof COLUMN_LABELS)[] = [];
  for (const column of ['name', 'place', 'mechanism'] as const) if (!header.columns.has(column)) missing.push(column);
  if (!header.columns.has('service') && !header.columns.has('tasks')) missing.push('service');
  return missing;
}

/**
 * A row's cells by column. A missing cell is empty and placed after the row's last cell; a purpose read as the
 * task leaves the service empty at the task's position, so a blank purpose inherits from the row above.
 */
export function pickRow(header: Header, cells: readonly Cell[], line: number): Omit<DraftRow, 'category'> & { category?: Cell } {
  const end = cells.at(-1);
  const after = { text: '', line, column: (end?.column ?? 1) + (end?.text.length ?? 0) };
  const pick = (column: Column): Cell => {
    const i = header.columns.get(column);
    if (i === undefined) return after;
    const cell = cells[i] ?? after;
    const head = header.cells[i]?.text;
    return head ? { ...cell, header: head } : cell;
  };
  const tasks = header.columns.has('tasks') ? pick('tasks') : undefined;
  const service = header.columns.has('service') ? pick('service') : { ...(tasks ?? after), text: '' };
  const category = header.columns.has('category') ? pick('category') : undefined;
  const codes: Record<string, Cell> = {};
  for (const [field, column] of Object.entries(CODE_COLUMNS)) if (header.columns.has(column)) codes[field] = pick(column);
  const lifecycle: Record<string, Cell> = {};
  for (const column of ['status', 'since', 'retiredOn', 'retirementReason'] as const)
    if (header.columns.has(column)) lifecycle[column] = pick(column);
  return {
    ...(Object.keys(codes).length > 0 ? { codes } : {}),
    ...(Object.keys(lifecycle).length > 0 ? { lifecycle } : {}),
    line,
    name: pick('name'),
    place: pick('place'),
    mechanism: pick('mechanism'),
    service,
    ...(tasks ? { tasks } : {}),
    ...(category?.text ? { category } : {}),
    ...(header.columns.has('dataCategories') ? { dataCategories: pick('dataCategories') } : {}),
    ...(header.columns.has('dataSubjects') ? { dataSubjects: pick('dataSubjects') } : {}),
  };
}
