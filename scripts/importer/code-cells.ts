import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { makeDiagnostic } from '../diagnostics/policy-meta.js';
import type { TransferMechanism } from '../generated/subprocessor.js';
import { mechanismOf } from '../registry/mechanism-wording.js';
import { isKnownPlace } from '../registry/places.js';
import { importRule } from './rules.js';
import type { Cell, CodeCells } from './row.js';

/** What the release CSV's code columns say of a row, exactly; word columns are not read for what codes give. */
export interface CodedRow {
  readonly id?: string;
  /** Present when the file has a User codes column: the entry's scope, or none when the cell is empty. */
  readonly users?: readonly string[] | 'none';
  readonly locations?: readonly { place: string; users?: string[]; mechanisms?: TransferMechanism[] }[];
}

function where(file: string, cell: Cell) {
  return { file, path: [], line: cell.line, column: cell.column };
}

/** "dpf, scc" → the codes; '' → none. */
function list(text: string): string[] {
  return text
    .split(',')
    .map((code) => code.trim())
    .filter((code) => code !== '');
}

/** "IE; US" or "; EUROPE" → one text per location; an empty cell gives none per location. */
function perLocation(cell: Cell | undefined, count: number): string[] | undefined {
  if (cell === undefined) return undefined;
  if (cell.text.trim() === '') return Array.from({ length: count }, () => '');
  return cell.text.split(';').map((part) => part.trim());
}

/**
 * Reads the code columns of a row: ids, place and user codes, mechanism ids. An unknown code, or a column that
 * gives another number of locations than Place codes, is reported at its cell and the row is skipped (undefined).
 */
export function readCodes(file: string, codes: CodeCells, diagnostics: Diagnostic[]): CodedRow | undefined {
  let failed = false;
  const known = (cell: Cell, code: string, isKnown: (c: string) => boolean, messageId: 'unknown-place' | 'unknown-mechanism') => {
    if (isKnown(code)) return true;
    const data: Record<string, string> = messageId === 'unknown-place' ? { place: code } : { mechanism: code };
    diagnostics.push(makeDiagnostic(importRule, messageId, where(file, cell), data));
    failed = true;
    return false;
  };
  const isMechanism = (code: string) => mechanismOf(code) === code;

  let users: CodedRow['users'];
  if (codes.users) {
    const scope = list(codes.users.text);
    for (const code of scope) known(codes.users, code, isKnownPlace, 'unknown-place');
    users = scope.length > 0 ? scope : 'none';
  }
  let locations: CodedRow['locations'];
  if (codes.places) {
    const places = codes.places.text.split(';').map((p) => p.trim());
    const scopes = perLocation(codes.placeUsers, places.length);
    const mechanisms = perLocation(codes.mechanisms, places.length);
    for (const [column, cell, given] of [
      ['Place user codes', codes.placeUsers, scopes],
      ['Mechanism codes', codes.mechanisms, mechanisms],
    ] as const) {
      if (cell && given && given.length !== places.length) {
        const problem = `the ${column} cell gives ${given.length} entries, one per place, for the ${places.length} places of Place codes`;
        diagnostics.push(makeDiagnostic(importRule, 'invalid-entry', where(file, cell), { problem }));
        failed = true;
      }
    }
    locations = places.map((place, i) => {
      if (codes.places) known(codes.places, place, isKnownPlace, 'unknown-place');
      const scope = list(scopes?.[i] ?? '');
      const ordered = list(mechanisms?.[i] ?? '');
      if (codes.placeUsers) for (const code of scope) known(codes.placeUsers, code, isKnownPlace, 'unknown-place');
      if (codes.mechanisms) for (const code of ordered) known(codes.mechanisms, code, isMechanism, 'unknown-mechanism');
      return {
        place,
        ...(scope.length > 0 ? { users: scope } : {}),
        ...(codes.mechanisms ? { mechanisms: ordered as TransferMechanism[] } : {}),
      };
    });
  }
  if (failed) return undefined;
  const id = codes.id?.text.trim();
  return { ...(id ? { id } : {}), ...(users ? { users } : {}), ...(locations ? { locations } : {}) };
}
