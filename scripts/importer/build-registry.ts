import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { makeDiagnostic } from '../diagnostics/policy-meta.js';
import type { Location as PlaceEntry, Subprocessor, TransferMechanism } from '../generated/subprocessor.js';
import { readMechanism, readName, readPlaces, readService, type CellContext, type ServiceAndTasks } from './cells.js';
import { readCodes } from './code-cells.js';
import { readLifecycle } from './status-cells.js';
import { readVocabularyCell } from './vocabulary-cells.js';
import { importRule } from './rules.js';
import { slugify, type Cell, type RawRow } from './row.js';
import { validatorFor } from '../registry/schemas.js';

/** The cell a schema problem of an entry comes from, by the entry's top-level field: where to tell the user to look. */
function cellOf(row: RawRow, field: string | undefined): Cell {
  switch (field) {
    case 'locations':
    case 'users':
      return row.place;
    case 'category':
      return row.category;
    case 'service':
    case 'tasks':
      return row.tasks ?? row.service;
    case 'since':
      return row.lifecycle?.since ?? row.lifecycle?.status ?? row.name;
    case 'retired':
      return row.lifecycle?.retiredOn ?? row.lifecycle?.status ?? row.name;
    default:
      return row.name;
  }
}

/**
 * The importer writes only files the loader accepts: an entry the schema refuses (a name past its length limit, a
 * task of a megabyte) is refused here, at its cell, rather than written and then rejected by validate.
 */
function schemaProblem(file: string, row: RawRow, value: Subprocessor): Diagnostic | undefined {
  const validate = validatorFor('subprocessor');
  if (validate(value)) return undefined;
  const error = validate.errors?.[0];
  const field = error?.instancePath.split('/')[1];
  const cell = cellOf(row, field);
  const problem = `${error?.instancePath.slice(1).replaceAll('/', '.') || 'the entry'} ${error?.message ?? 'is invalid'}`;
  return makeDiagnostic(importRule, 'invalid-entry', { file, path: [], line: cell.line, column: cell.column }, { problem });
}

/** The name as the cell writes it: with a User codes column, "[US Only]" is not read as a scope. */
function exactName(ctx: CellContext, cell: Cell): { name: string; users?: undefined } | undefined {
  if (cell.text) return { name: cell.text };
  ctx.diagnostics.push(
    makeDiagnostic(
      importRule,
      'empty-cell',
      { file: ctx.file, path: [], line: cell.line, column: cell.column },
      { column: cell.header ?? 'Subcontractor' },
    ),
  );
  return undefined;
}

/** The detail in parentheses after the mechanism words ("… (only for EU users)"), when codes give the mechanisms. */
function wordedDetail(cell: Cell): { mechanisms: readonly TransferMechanism[]; detail?: string } {
  const detail = /\((.*)\)\s*$/.exec(cell.text)?.[1]?.trim();
  return detail ? { mechanisms: [], detail } : { mechanisms: [] };
}

export interface ImportedSubprocessor {
  readonly line: number;
  readonly value: Subprocessor;
}

/**
 * Maps raw rows to subprocessor entries. Rows with an empty service cell take the service and tasks of the row
 * above in the same category: on the seed page those were merged cells.
 */
export function buildSubprocessors(file: string, rows: readonly RawRow[], diagnostics: Diagnostic[]): ImportedSubprocessor[] {
  const ctx: CellContext = { file, diagnostics };
  const out: ImportedSubprocessor[] = [];
  const lineOfId = new Map<string, number>();
  let above: { category: string; service: ServiceAndTasks } | undefined;
  for (const row of rows) {
    const category = slugify(row.category.text);
    // The release CSV's code columns, when present, say exactly what the word columns say for people.
    const coded = row.codes ? readCodes(file, row.codes, diagnostics) : undefined;
    if (row.codes && !coded) continue;
    const name = coded?.users !== undefined ? exactName(ctx, row.name) : readName(ctx, row.name);
    const places = coded?.locations ?? readPlaces(ctx, row.place);
    const mechanism = coded?.locations?.every((l) => l.mechanisms) ? wordedDetail(row.mechanism) : readMechanism(ctx, row.mechanism);
    let service = readService(row.service, row.tasks, row.codes !== undefined);
    const where = { file, path: [], line: row.service.line, column: row.service.column };
    if (service === 'empty') {
      if (above?.category === category) service = { ...above.service, trailing: undefined };
      else {
        diagnostics.push(makeDiagnostic(importRule, 'nothing-to-inherit', where));
        continue;
      }
    } else if (service === 'no-task') {
      const cell = row.tasks ?? row.service;
      diagnostics.push(makeDiagnostic(importRule, 'no-task', { ...where, line: cell.line, column: cell.column }));
      continue;
    }
    above = { category, service };
    if (!category) {
      const at = { file, path: [], line: row.category.line, column: row.category.column };
      diagnostics.push(makeDiagnostic(importRule, 'no-id', at, { column: 'category', text: row.category.text }));
      continue;
    }
    const dataCategories = row.dataCategories ? readVocabularyCell(file, row.dataCategories, 'category', diagnostics) : [];
    const dataSubjects = row.dataSubjects ? readVocabularyCell(file, row.dataSubjects, 'subject', diagnostics) : [];
    const lifecycle = readLifecycle(file, row.lifecycle, diagnostics);
    if (!name || !places || !mechanism || !dataCategories || !dataSubjects || !lifecycle) continue;
    const id = coded?.id ?? slugify(name.name);
    if (!id) {
      const at = { file, path: [], line: row.name.line, column: row.name.column };
      diagnostics.push(makeDiagnostic(importRule, 'no-id', at, { column: 'name', text: name.name }));
      continue;
    }
    const other = lineOfId.get(id);
    if (other !== undefined) {
      const at = { file, path: [], line: row.name.line, column: row.name.column };
      diagnostics.push(makeDiagnostic(importRule, 'duplicate-id', at, { id, otherLine: other }));
      continue;
    }
    lineOfId.set(id, row.line);
    // A row's mechanism wording speaks for the whole row; copied onto each of several places it would say, of
    // Klarna's US location, "data hosted within the EEA for European users". It goes to the notes instead.
    const detailPerPlace = places.length === 1 ? mechanism.detail : undefined;
    const locations = places.map((p): PlaceEntry => {
      const [first, ...rest] = 'mechanisms' in p && p.mechanisms ? p.mechanisms : mechanism.mechanisms;
      return {
        place: p.place,
        ...(p.users ? { users: p.users as PlaceEntry['users'] } : {}),
        ...(first === undefined ? {} : rest.length === 0 ? { mechanism: first } : { mechanisms: [first, ...rest] }),
        ...(detailPerPlace ? { mechanismDetail: detailPerPlace } : {}),
      };
    });
    const notes = [
      ...(mechanism.detail && !detailPerPlace && !coded
        ? [`The source page gives one mechanism for all places: "${row.mechanism.text}".`]
        : []),
      ...(service.trailing ? [`The source page adds: "${service.trailing}".`] : []),
    ];
    const value: Subprocessor = {
      id,
      name: name.name,
      category,
      ...(coded?.users !== undefined
        ? coded.users === 'none'
          ? {}
          : { users: coded.users as Subprocessor['users'] }
        : name.users
          ? { users: name.users as Subprocessor['users'] }
          : {}),
      ...(service.service ? { service: service.service } : {}),
      tasks: service.tasks as Subprocessor['tasks'],
      ...(dataCategories.length > 0 ? { dataCategories: dataCategories as Subprocessor['dataCategories'] } : {}),
      ...(dataSubjects.length > 0 ? { dataSubjects: dataSubjects as Subprocessor['dataSubjects'] } : {}),
      locations: locations as Subprocessor['locations'],
      ...lifecycle,
      ...(notes.length > 0 ? { notes: notes.join(' ') } : {}),
    };
    const invalid = schemaProblem(file, row, value);
    if (invalid) {
      diagnostics.push(invalid);
      continue;
    }
    out.push({ line: row.line, value });
  }
  return out;
}
