import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { makeDiagnostic } from '../diagnostics/policy-meta.js';
import type { Subprocessor } from '../generated/subprocessor.js';
import { schemaDiagnostics } from './ajv-messages.js';
import { MAX_FILE_BYTES } from './layout.js';
import { START, type Locator } from './locate.js';
import { visible } from './invisible.js';
import { parseRegistryYaml } from './parse-yaml.js';
import { fileFormat, fileName } from './rules.js';
import { SCHEMA_FILES, validatorFor, type SchemaKind } from './schemas.js';
import { FileTooLarge, SourceError } from './source.js';
import { SUBPROCESSOR_EXTENSION } from './layout.js';

export interface LoadedFile<T> {
  readonly file: string;
  readonly value: T;
  readonly locate: Locator;
}

/** One subprocessor file after reading: its data when it is valid, and what is wrong with it. */
export interface FileResult {
  loaded?: LoadedFile<Subprocessor>;
  diagnostics: Diagnostic[];
}

/** A read that failed for this file alone becomes its diagnostic; a source failing as a whole stays an error. */
export function readFailure(file: string, error: unknown): Diagnostic {
  if (error instanceof SourceError) throw error;
  const where = { file, path: [], ...START };
  if (error instanceof FileTooLarge) return makeDiagnostic(fileFormat, 'too-large', where, { size: error.size, limit: MAX_FILE_BYTES });
  const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  return makeDiagnostic(fileFormat, 'unreadable', where, { reason: visible(reason) });
}

/** The size can change between listing and reading; the cap must hold for what was read. */
export function withinCap(file: string, bytes: Uint8Array | undefined, diagnostics: Diagnostic[]): bytes is Uint8Array {
  if (bytes === undefined) return false;
  if (bytes.length <= MAX_FILE_BYTES) return true;
  diagnostics.push(makeDiagnostic(fileFormat, 'too-large', { file, path: [], ...START }, { size: bytes.length, limit: MAX_FILE_BYTES }));
  return false;
}

export function parseAndValidate<T>(kind: SchemaKind, file: string, bytes: Uint8Array, diagnostics: Diagnostic[]): LoadedFile<T> | undefined {
  const parsed = parseRegistryYaml(file, bytes);
  diagnostics.push(...parsed.diagnostics);
  if (parsed.value === undefined) return undefined;
  const validate = validatorFor(kind);
  if (!validate(parsed.value)) {
    diagnostics.push(...schemaDiagnostics(validate.errors ?? [], { file, schemaFile: SCHEMA_FILES[kind], locate: parsed.locate }));
    return undefined;
  }
  return { file, value: parsed.value as T, locate: parsed.locate };
}

function checkFileName(loaded: LoadedFile<Subprocessor>, stem: string, diagnostics: Diagnostic[]): boolean {
  if (loaded.value.id === stem) return true;
  const where = { file: loaded.file, path: ['id'], ...loaded.locate(['id']) };
  diagnostics.push(makeDiagnostic(fileName, 'id-mismatch', where, { id: loaded.value.id, fileName: `${stem}${SUBPROCESSOR_EXTENSION}`, stem }));
  return false;
}

/** Everything the loader asks of one subprocessor file on its own: size, YAML, schema, file name. */
export function loadSubprocessorFile(file: string, stem: string, bytes: Uint8Array | undefined): FileResult {
  const diagnostics: Diagnostic[] = [];
  if (!withinCap(file, bytes, diagnostics)) return { diagnostics };
  const parsed = parseAndValidate<Subprocessor>('subprocessor', file, bytes, diagnostics);
  if (parsed && checkFileName(parsed, stem, diagnostics)) return { loaded: parsed, diagnostics };
  return { diagnostics };
}
