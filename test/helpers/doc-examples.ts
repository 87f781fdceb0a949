/**
 * Reads the runnable examples of a policy page (docs/policies/ID.md). The page's "## Bad example" and "## Good
 * example" sections carry markers, HTML comments a reader of the rendered page does not see:
 *
 *   <!-- example: PATH [FILE OPTIONS] [RUN OPTIONS] -->
 *
 * PATH is the file the example writes, from the repository root: registry/subprocessors/ID.yaml,
 * registry/registry.yaml, policies/data/transfers/ID.json, or the input of `subproc import` (NAME.csv, NAME.txt).
 * A marker with a PATH takes the fenced code block that follows it (several markers may share one block), unless
 * it says `delete` or `from=bad`.
 *
 * File options:
 *   excerpt          the block shows part of the file: its lines go into the shipped file, which keeps the rest
 *                    (new lines go after the shown lines they follow; a block sharing no line with it is appended)
 *   bom, crlf        the bytes a listing cannot show: a byte order mark, CR LF line ends
 *   delete           no block: the change deletes the file
 *   from=bad         no block: the file as the bad example of this page wrote it
 *   replace="A=>B"   text A of the block (or of the bad example's file) replaced by B
 *
 * Run options; a marker with `expect=` is a run, of its own file and of the files named since the section's
 * previous run:
 *   expect=ID,ID     the message ids of this page's policy the run must give, all of them and no other
 *                    (`expect=none`: not one); the shipped registry's own findings in files the example leaves
 *                    alone do not count
 *   also=P/ID[@FILE] findings the example's text promises beyond those, of any policy (and in FILE), comma-separated
 *   base             the run is a change: the shipped registry is the base, the example's files make the head
 *   today=DATE       the day of the run (default 2026-11-23, the day the examples are written for)
 *
 * A line of a block ending in a YAML comment that starts with an expected message id (`place: PI # unknown`) must
 * get that finding on that line.
 */

export type Section = 'bad' | 'good';

export interface ExampleFile {
  readonly path: string;
  /** The block (or the bad example's file) with `replace` applied; undefined for `delete`. */
  readonly text?: string;
  /** Where the file comes from in the page (1-based): the block's first line, or the marker of a file without a block. */
  readonly pageLine: number;
  readonly excerpt: boolean;
  readonly bom: boolean;
  readonly crlf: boolean;
  readonly delete: boolean;
}

export interface ExampleRun {
  readonly section: Section;
  readonly files: readonly ExampleFile[];
  /** Message ids of the page's policy, in the marker's order. */
  readonly expect: readonly string[];
  /** Further findings the run must give: policy, message id, and the file when the text names it. */
  readonly also: readonly { readonly policy: string; readonly messageId: string; readonly file?: string }[];
  readonly base: boolean;
  readonly today?: string;
  /** Where the run's marker is in the page, 1-based. */
  readonly pageLine: number;
}

export interface PageExamples {
  readonly runs: readonly ExampleRun[];
  /** Sections with no run: a page must have none. */
  readonly sectionsWithoutRun: readonly Section[];
  /** Markers that name no block, option or value the test knows. */
  readonly problems: readonly string[];
}

const MARKER = /^<!--\s*example:\s*(.*?)\s*-->$/;
const FENCE = /^```/;

/** Splits marker text on spaces, keeping "double quoted" values whole (quotes removed). */
function tokens(text: string): string[] {
  return [...text.matchAll(/(?:[^\s"]+|"[^"]*")+/g)].map((m) => m[0].replace(/"/g, ''));
}

interface Marker {
  readonly line: number;
  readonly path?: string;
  readonly options: ReadonlyMap<string, readonly string[]>;
}

function parseMarker(text: string, line: number, problems: string[]): Marker {
  const [first, ...rest] = tokens(text);
  const hasPath = first !== undefined && !first.includes('=') && !['base', 'excerpt', 'bom', 'crlf', 'delete'].includes(first);
  const options = new Map<string, string[]>();
  for (const token of hasPath ? rest : [first ?? '', ...rest].filter(Boolean)) {
    const eq = token.indexOf('=');
    const key = eq < 0 ? token : token.slice(0, eq);
    const value = eq < 0 ? '' : token.slice(eq + 1);
    if (!['excerpt', 'bom', 'crlf', 'delete', 'from', 'replace', 'expect', 'also', 'base', 'today'].includes(key))
      problems.push(`line ${String(line)}: unknown option ${key}`);
    options.set(key, [...(options.get(key) ?? []), value]);
  }
  if (options.has('from') && options.get('from')?.[0] !== 'bad') problems.push(`line ${String(line)}: from= only takes bad`);
  return { line, ...(hasPath ? { path: first } : {}), options };
}

function applyReplacements(text: string, replacements: readonly string[], line: number, problems: string[]): string {
  let out = text;
  for (const r of replacements) {
    const [from, to] = r.split('=>');
    if (from === undefined || to === undefined || !out.includes(from)) {
      problems.push(`line ${String(line)}: replace="${r}" finds nothing to replace`);
      continue;
    }
    out = out.replace(from, to);
  }
  return out;
}

/** The examples of one page, in page order. */
export function pageExamples(markdown: string): PageExamples {
  const lines = markdown.split('\n');
  const runs: ExampleRun[] = [];
  const problems: string[] = [];
  const badFiles = new Map<string, string>();
  const sectionsSeen = new Set<Section>();
  const sectionsRun = new Set<Section>();
  let section: Section | undefined;
  let waiting: Marker[] = [];
  let pending: ExampleFile[] = [];

  const finish = (marker: Marker, text: string | undefined, pageLine: number) => {
    if (!section) return;
    const o = marker.options;
    if (marker.path !== undefined) {
      const fromBad = o.has('from') ? badFiles.get(marker.path) : undefined;
      if (o.has('from') && fromBad === undefined) problems.push(`line ${String(marker.line)}: the bad example writes no ${marker.path}`);
      const source = o.has('delete') ? undefined : (fromBad ?? text);
      const file: ExampleFile = {
        path: marker.path,
        ...(source === undefined ? {} : { text: applyReplacements(source, o.get('replace') ?? [], marker.line, problems) }),
        pageLine,
        excerpt: o.has('excerpt'),
        bom: o.has('bom'),
        crlf: o.has('crlf'),
        delete: o.has('delete'),
      };
      if (section === 'bad' && text !== undefined && !badFiles.has(marker.path)) badFiles.set(marker.path, text);
      pending = [...pending.filter((f) => f.path !== file.path), file];
    }
    const expect = o.get('expect');
    if (expect) {
      const ids = expect.flatMap((e) => e.split(',')).filter((id) => id && id !== 'none');
      const today = o.get('today')?.[0];
      const also = (o.get('also') ?? [])
        .flatMap((a) => a.split(','))
        .map((a) => {
          const [finding = '', file] = a.split('@');
          const [policy = '', messageId = ''] = finding.split('/');
          if (!policy || !messageId) problems.push(`line ${String(marker.line)}: also=${a} is not POLICY/ID or POLICY/ID@FILE`);
          return { policy, messageId, ...(file ? { file } : {}) };
        });
      runs.push({ section, files: pending, expect: ids, also, base: o.has('base'), ...(today ? { today } : {}), pageLine: marker.line });
      sectionsRun.add(section);
      pending = [];
    }
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heading = /^## (.*)$/.exec(line);
    if (heading) {
      for (const m of waiting) problems.push(`line ${String(m.line)}: the marker is followed by no code block`);
      if (pending.length > 0) problems.push(`line ${String(i + 1)}: the section ends with files no run uses`);
      waiting = [];
      pending = [];
      section = heading[1] === 'Bad example' ? 'bad' : heading[1] === 'Good example' ? 'good' : undefined;
      if (section) sectionsSeen.add(section);
      continue;
    }
    const marker = MARKER.exec(line);
    if (marker) {
      if (!section) {
        problems.push(`line ${String(i + 1)}: a marker outside the bad and good examples`);
        continue;
      }
      const parsed = parseMarker(marker[1] ?? '', i + 1, problems);
      // A marker that takes no block is complete at once; the others wait for the next block.
      if (parsed.path === undefined || parsed.options.has('delete') || parsed.options.has('from')) finish(parsed, undefined, i + 1);
      else waiting.push(parsed);
      continue;
    }
    if (FENCE.test(line)) {
      const start = i;
      const body: string[] = [];
      for (i++; i < lines.length && !FENCE.test(lines[i] ?? ''); i++) body.push(lines[i] ?? '');
      const text = `${body.join('\n')}\n`;
      for (const m of waiting) finish(m, text, start + 2);
      waiting = [];
    }
  }
  for (const m of waiting) problems.push(`line ${String(m.line)}: the marker is followed by no code block`);
  if (pending.length > 0) problems.push('the page ends with files no run uses');
  return { runs, sectionsWithoutRun: [...sectionsSeen].filter((s) => !sectionsRun.has(s)), problems };
}

/** The expected message ids a block's trailing comments name, by the block's line (1-based). */
export function commentedLines(text: string, ids: readonly string[]): { line: number; messageId: string }[] {
  return text.split('\n').flatMap((line, index) => {
    const comment = /\s#\s*([a-z0-9-]+)/.exec(line);
    const id = comment?.[1];
    return id !== undefined && ids.includes(id) && !line.trimStart().startsWith('#') ? [{ line: index + 1, messageId: id }] : [];
  });
}

/**
 * Puts an excerpt into a whole file: lines the two share (their longest common subsequence, compared without
 * trailing spaces) anchor it, the file's other lines stay, and the excerpt's other lines go after the anchor
 * before them. An excerpt sharing no line is appended. Returns the text and where each excerpt line ended up.
 */
export function spliceExcerpt(whole: string, excerpt: string): { text: string; lineOfExcerpt: (line: number) => number } {
  const a = whole.replace(/\n$/, '').split('\n');
  const b = excerpt.replace(/\n$/, '').split('\n');
  const same = (x: string | undefined, y: string | undefined) => (x ?? '').trimEnd() === (y ?? '').trimEnd();
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = lcs[i] ?? [];
      row[j] = same(a[i], b[j]) ? (lcs[i + 1]?.[j + 1] ?? 0) + 1 : Math.max(lcs[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const out: string[] = [];
  const placed = new Map<number, number>();
  const keep = (line: string) => out.push(line);
  const insert = (j: number) => {
    out.push(b[j] ?? '');
    placed.set(j + 1, out.length);
  };
  const length = (i: number, j: number) => lcs[i]?.[j] ?? 0;
  let i = 0;
  let j = 0;
  let anchored = false;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && same(a[i], b[j]) && length(i, j) === length(i + 1, j + 1) + 1) {
      insert(j);
      anchored = true;
      i++;
      j++;
    } else if (j < b.length && length(i, j + 1) === length(i, j) && (anchored || i >= a.length || length(i + 1, j) < length(i, j))) {
      // An excerpt line of its own: right after the shown line before it, or right before the first shown line.
      insert(j);
      j++;
    } else if (i < a.length) {
      keep(a[i] ?? '');
      i++;
    } else {
      insert(j);
      j++;
    }
  }
  return {
    text: `${out.join('\n')}\n`,
    lineOfExcerpt: (line) => {
      const at = placed.get(line);
      if (at === undefined) throw new Error(`excerpt line ${String(line)} was not placed`);
      return at;
    },
  };
}
