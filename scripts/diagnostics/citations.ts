const collator = new Intl.Collator('en', { numeric: true });

/**
 * Citations in the order a reader looks them up: "Art. 9" before "Art. 10", "Art. 5(c)" before "Art. 5(d)". A plain
 * sort compares characters, and "1" sorts before "9", which put Art. 10 first.
 */
export function byCitation(a: string, b: string): number {
  return collator.compare(a, b);
}
