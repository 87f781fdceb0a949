import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { makeDiagnostic } from '../diagnostics/policy-meta.js';
import type { TransferMechanism } from '../generated/subprocessor.js';
import { mechanismOf } from '../registry/mechanism-wording.js';
import { exactPlaceCode, placeCodeOf } from '../registry/place-names.js';
import { importRule } from './rules.js';
import type { Cell } from './row.js';

export interface CellContext {
  readonly file: string;
  readonly diagnostics: Diagnostic[];
}

function at(ctx: CellContext, cell: Cell, offset = 0) {
  return { file: ctx.file, path: [], line: cell.line, column: cell.column + offset };
}

function place(ctx: CellContext, cell: Cell, name: string, offset: number): string | undefined {
  const match = placeCodeOf(name);
  if ('code' in match) return match.code;
  const where = at(ctx, cell, offset);
  if ('ambiguous' in match) {
    ctx.diagnostics.push(makeDiagnostic(importRule, 'ambiguous-place', where, { place: name, codes: match.ambiguous.join(', ') }));
  } else if (match.suggestion) {
    ctx.diagnostics.push(makeDiagnostic(importRule, 'unknown-place-suggest', where, { place: name, suggestion: match.suggestion }));
  } else {
    ctx.diagnostics.push(makeDiagnostic(importRule, 'unknown-place', where, { place: name }));
  }
  return undefined;
}

/** "and" in the languages whose country names the importer reads, and "&": "EU and US", "Allemagne et France". */
const CONJUNCTION = /\s+(?:and|und|et|y|e|en|i|och|oraz)\s+|\s*&\s*/giu;

interface Piece {
  readonly start: number;
  readonly end: number;
}

/**
 * Splits "Germany and France" into two places but keeps "Bosnia and Herzegovina" or "Trinidad y Tobago" whole: of
 * the ways to join the pieces between conjunctions, the one with the fewest places that are all known.
 */
function splitOnConjunctions(text: string): Piece[] {
  const pieces: Piece[] = [];
  let start = 0;
  for (const m of text.matchAll(CONJUNCTION)) {
    pieces.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  pieces.push({ start, end: text.length });
  const best: (Piece[] | undefined)[] = [[]];
  for (let j = 1; j <= pieces.length; j++) {
    for (let i = 0; i < j; i++) {
      const before = best[i];
      const from = pieces[i];
      const to = pieces[j - 1];
      if (!before || !from || !to) continue;
      const joined = { start: from.start, end: to.end };
      if (exactPlaceCode(text.slice(joined.start, joined.end)) === undefined) continue;
      if (!best[j] || before.length + 1 < (best[j]?.length ?? Infinity)) best[j] = [...before, joined];
    }
  }
  const whole = best[pieces.length];
  // None joins up: each piece is reported on its own, so the message names the part that is not a place.
  return whole ?? pieces;
}

/** "[US Only] HeartBeat Health" → the name and the users it serves. */
export function readName(ctx: CellContext, cell: Cell): { name: string; users?: string[] } | undefined {
  const match = /^\s*\[\s*([^\]]+?)\s+only\s*\]\s*/i.exec(cell.text);
  const name = (match ? cell.text.slice(match[0].length) : cell.text).trim();
  if (!name) {
    ctx.diagnostics.push(makeDiagnostic(importRule, 'empty-cell', at(ctx, cell), { column: cell.header ?? 'Subcontractor' }));
    return undefined;
  }
  if (!match?.[1]) return { name };
  const code = place(ctx, cell, match[1], cell.text.indexOf(match[1]));
  return code ? { name, users: [code] } : undefined;
}

/** "users in Europe" (or "European users") → a place code. */
function readScope(ctx: CellContext, cell: Cell, note: string, offset: number): string | undefined {
  const match = /^(?:(?:for |only )?users (?:in|from|of) (.+)|(.+?) users(?: only)?)$/i.exec(note.trim());
  const name = match?.[1] ?? match?.[2];
  if (!name) {
    ctx.diagnostics.push(makeDiagnostic(importRule, 'unknown-scope', at(ctx, cell, offset), { scope: note }));
    return undefined;
  }
  return place(ctx, cell, name, offset + note.indexOf(name));
}

export interface PlaceWithScope {
  place: string;
  users?: string[];
}

/**
 * "Ireland (users in Europe) USA (users in Northern America)" → two places, each with its users. Places may also
 * be separated by commas, semicolons, slashes, "&" or "and" in one of the languages place names are read in.
 */
export function readPlaces(ctx: CellContext, cell: Cell): PlaceWithScope[] | undefined {
  if (!cell.text.trim()) {
    ctx.diagnostics.push(makeDiagnostic(importRule, 'empty-cell', at(ctx, cell), { column: cell.header ?? 'Storage place' }));
    return undefined;
  }
  const places: PlaceWithScope[] = [];
  let failed = false;
  const token = /([^(),;/]+)|\(([^)]*)\)|[,;/]/g;
  for (const m of cell.text.matchAll(token)) {
    const offset = m.index;
    if (m[1] !== undefined) {
      for (const part of splitOnConjunctions(m[1])) {
        const raw = m[1].slice(part.start, part.end);
        const name = raw.trim();
        if (!name) continue;
        const code = place(ctx, cell, name, offset + part.start + (raw.length - raw.trimStart().length));
        if (code) places.push({ place: code });
        else failed = true;
      }
    } else if (m[2] !== undefined) {
      const last = places.at(-1);
      const scope = readScope(ctx, cell, m[2], offset + 1);
      if (!scope) failed = true;
      else if (last) last.users = [...(last.users ?? []), scope];
    }
  }
  return failed || places.length === 0 ? undefined : places;
}

/**
 * Between mechanisms stated in an order: "Data Privacy Framework, else Standard Contractual Clauses", as data
 * processing agreements word it and the release's CSV writes it ("dpf, else scc").
 */
const IN_ORDER = /\s*,?\s+(?:else|otherwise)\s+/i;

/**
 * "No international transfer (only for American users)" → none, with the parenthesis kept as detail; "dpf, else
 * scc" → both, in that order.
 */
export function readMechanism(
  ctx: CellContext,
  cell: Cell,
): { mechanisms: [TransferMechanism, ...TransferMechanism[]]; detail?: string } | undefined {
  const match = /^\s*([^(]*?)\s*(?:\((.*)\))?\s*$/.exec(cell.text);
  const wording = match?.[1] ?? '';
  if (!wording) {
    ctx.diagnostics.push(makeDiagnostic(importRule, 'empty-cell', at(ctx, cell), { column: cell.header ?? 'Mechanism' }));
    return undefined;
  }
  const mechanisms: TransferMechanism[] = [];
  for (const part of wording.split(IN_ORDER)) {
    const mechanism = mechanismOf(part);
    if (!mechanism) {
      ctx.diagnostics.push(makeDiagnostic(importRule, 'unknown-mechanism', at(ctx, cell), { mechanism: part }));
      return undefined;
    }
    if (!mechanisms.includes(mechanism)) mechanisms.push(mechanism);
  }
  const [first, ...rest] = mechanisms;
  if (first === undefined) return undefined;
  const detail = match?.[2]?.trim();
  return detail ? { mechanisms: [first, ...rest], detail } : { mechanisms: [first, ...rest] };
}

export interface ServiceAndTasks {
  service?: string;
  tasks: string[];
  /** Plain text after the tasks: on the seed page, the label of a link ("Security page"). */
  trailing?: string;
}

const clean = (text: string) => text.replace(/\s+/g, ' ').trim();

/** "Backup <i>Backups are encrypted…</i>" → service and tasks; italics mark the performed tasks. */
export function readService(cell: Cell, tasksCell?: Cell, exact = false): ServiceAndTasks | 'empty' | 'no-task' {
  if (tasksCell) {
    // A hand-made list separates tasks with ";" or a line break; the release's CSV (exact) writes one per line, and a
    // task may hold a ";" of its own ("Send emails; track bounces").
    const tasks = tasksCell.text
      .split(exact ? /\n/ : /\n|;/)
      .map(clean)
      .filter(Boolean);
    const service = clean(cell.text);
    if (!service && tasks.length === 0) return 'empty';
    if (tasks.length === 0) return 'no-task';
    return service ? { service, tasks } : { tasks };
  }
  if (!cell.text.trim()) return 'empty';
  const tasks: string[] = [];
  const outside: string[] = [];
  let last = 0;
  for (const m of cell.text.matchAll(/<i>(.*?)<\/i>/gi)) {
    outside.push(cell.text.slice(last, m.index));
    const task = clean(m[1] ?? '');
    if (task) tasks.push(task);
    last = m.index + m[0].length;
  }
  const trailing = clean(cell.text.slice(last));
  const service = clean(outside[0] ?? '');
  const between = outside.slice(1).map(clean).filter(Boolean);
  if (tasks.length === 0) return 'no-task';
  const result: ServiceAndTasks = { tasks };
  if (service) result.service = service;
  const extra = [...between, trailing].filter(Boolean).join(' ');
  if (extra) result.trailing = extra;
  return result;
}
