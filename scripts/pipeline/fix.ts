import { applyFixes } from '../diagnostics/apply-fixes.js';
import type { Fix } from '../diagnostics/diagnostic.js';
import type { Report } from '../engine/report.js';
import { overlaySource } from '../registry/overlay-source.js';
import type { RegistrySource, SourceEntry } from '../registry/source.js';

/** A file --fix changes: its text before and after, and how many fixes it took. */
export interface FixedFile {
  /** As diagnostics name it. */
  readonly file: string;
  /** Inside the registry folder: where the caller writes it. */
  readonly relative: string;
  readonly before: string;
  readonly after: string;
  readonly fixes: number;
}

export interface FixRun {
  /** The run on the fixed text: what remains. */
  readonly report: Report;
  readonly files: readonly FixedFile[];
}

/** As ESLint: a fix can uncover another (a key renamed, then its value judged), but a loop must end. */
const MAX_PASSES = 10;

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Runs `run` on the head, applies every fix its diagnostics carry (files of the head only: the run names them, the
 * head lists them), runs again on the fixed text, and so on until no fix is left or applies. Nothing is written:
 * the caller writes `files` (--fix) or shows them (--fix-dry-run). Waived findings are in no report's diagnostics,
 * so they are never fixed.
 */
export async function runFixing(head: RegistrySource, run: (head: RegistrySource) => Promise<Report>): Promise<FixRun> {
  const entries = new Map<string, SourceEntry>();
  for (const entry of (await head.list()) ?? []) if (entry.kind === 'file') entries.set(entry.file, entry);
  const before = new Map<string, string>();
  const after = new Map<string, string>();
  const counts = new Map<string, number>();
  let report = await run(head);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const byFile = new Map<string, Fix[]>();
    for (const diagnostic of report.diagnostics) {
      if (diagnostic.fix === undefined || !entries.has(diagnostic.file)) continue;
      byFile.set(diagnostic.file, [...(byFile.get(diagnostic.file) ?? []), diagnostic.fix]);
    }
    let applied = 0;
    for (const [file, fixes] of byFile) {
      const entry = entries.get(file);
      if (entry === undefined) continue;
      const text = after.get(entry.relative) ?? decoder.decode(await head.read(entry));
      if (!before.has(entry.relative)) before.set(entry.relative, text);
      const result = applyFixes(text, fixes);
      if (result.applied === 0) continue;
      after.set(entry.relative, result.text);
      counts.set(entry.relative, (counts.get(entry.relative) ?? 0) + result.applied);
      applied += result.applied;
    }
    if (applied === 0) break;
    report = await run(overlaySource(head, after));
  }
  const files: FixedFile[] = [];
  for (const entry of entries.values()) {
    const fixed = after.get(entry.relative);
    const original = before.get(entry.relative);
    if (fixed === undefined || original === undefined || fixed === original) continue;
    files.push({ file: entry.file, relative: entry.relative, before: original, after: fixed, fixes: counts.get(entry.relative) ?? 0 });
  }
  return { report, files };
}
