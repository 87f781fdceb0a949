/** Optimal string alignment distance: Levenshtein plus transposition of neighbours, the typo people make most. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * cols + j] = best;
    }
  }
  return at(rows - 1, cols - 1);
}

/** The closest candidate, and whether it is the only one that close (two at the same distance are a guess, not a fix). */
export interface Closest {
  readonly best: string;
  readonly unique: boolean;
}

/**
 * The closest candidate to a mistyped word, or undefined when none is close enough to be a plausible typo
 * (at most a third of the word's length, and never more than 3 edits). Case is ignored when comparing.
 */
export function closest(word: string, candidates: Iterable<string>): Closest | undefined {
  const lower = word.toLowerCase();
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  let ties = 0;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      ties = 0;
    } else if (distance === bestDistance && candidate.toLowerCase() !== best?.toLowerCase()) ties++;
  }
  return best !== undefined && bestDistance <= limit ? { best, unique: ties === 0 } : undefined;
}

/** The closest candidate (see closest), for a hint. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  return closest(word, candidates)?.best;
}
