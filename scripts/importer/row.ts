/** One cell of an imported table, with where it starts in the source file (1-based). */
export interface Cell {
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

/** One subprocessor row as read from a page or a CSV file, before any mapping. */
export interface RawRow {
  readonly line: number;
  readonly category: Cell;
  readonly name: Cell;
  readonly place: Cell;
  readonly mechanism: Cell;
  /** "Service <i>task</i> <i>task</i>", or the service alone when tasks come in their own column. */
  readonly service: Cell;
  readonly tasks?: Cell;
}

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

/** Column names a header row may use, lower-cased; the page's own wording first. */
export const COLUMN_NAMES = {
  name: ['subcontractor', 'subprocessor', 'name', 'vendor'],
  place: ['storage place', 'location', 'storage location', 'place'],
  mechanism: ['mechanism allowing international data transfer', 'transfer mechanism', 'mechanism'],
  service: ['service provided and performed task', 'service provided and <i>performed task</i>', 'service provided', 'service'],
  tasks: ['performed task', 'performed tasks', 'tasks'],
  category: ['category', 'section'],
} as const;

export type Column = keyof typeof COLUMN_NAMES;

export const COLUMN_LABELS: Readonly<Record<Column, string>> = {
  name: 'Subcontractor',
  place: 'Storage place',
  mechanism: 'Mechanism allowing international data transfer',
  service: 'Service provided and Performed task',
  tasks: 'Performed task',
  category: 'Category',
};

/** Which column each header cell names; unknown header cells map to undefined. */
export function columnOf(header: string): Column | undefined {
  const text = header.toLowerCase().replace(/\s+/g, ' ').trim();
  for (const [column, names] of Object.entries(COLUMN_NAMES) as [Column, readonly string[]][]) {
    if (names.includes(text)) return column;
  }
  return undefined;
}
