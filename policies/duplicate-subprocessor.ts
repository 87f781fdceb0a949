import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { definePolicy } from '../scripts/engine/policy.js';
import { packageRoot } from '../scripts/paths.js';

/** Look-alike letters (a sourced subset of Unicode's confusables.txt, UTS #39): code point → ASCII letter, name. */
const CONFUSABLES_FILE = 'policies/data/confusables.json';

interface Confusables {
  readonly characters: Readonly<Record<string, readonly [string, string]>>;
}

let lookalikes: ReadonlyMap<string, { readonly ascii: string; readonly name: string }> | undefined;

function lookalikeTable(): ReadonlyMap<string, { readonly ascii: string; readonly name: string }> {
  if (!lookalikes) {
    const data = JSON.parse(readFileSync(join(packageRoot, CONFUSABLES_FILE), 'utf8')) as Confusables;
    lookalikes = new Map(
      Object.entries(data.characters).map(([code, [ascii, name]]) => [
        String.fromCodePoint(Number.parseInt(code.slice(2), 16)),
        { ascii, name },
      ]),
    );
  }
  return lookalikes;
}

/** A character above U+007F (any UTF-16 unit from U+0080 on): a name without one has no marks, no look-alikes and one case mapping. */
const NON_ASCII = /[\u0080-\uffff]/;

function isAscii(text: string): boolean {
  return !NON_ASCII.test(text);
}

/** Accents dropped: "Société" and "Societe" are one name (and the Cyrillic Ё is Е with a diaeresis). */
function withoutMarks(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

/** "Zendesk", "zendesk" and "Zendesk, Inc." are one vendor: two files would publish it twice, with diverging facts. */
function finish(lower: string, ascii = false): string {
  const bare = lower.replace(/[,.]?\s+(inc|ltd|llc|gmbh|sas|sa|bv|ab|plc|limited|corporation|corp)\.?$/g, '');
  // In lower-case ASCII the letters and digits are a-z and 0-9, and a plain class is much cheaper than \p{…}.
  return ascii ? bare.replace(/[^a-z0-9]/g, '') : bare.replace(/[^\p{L}\p{N}]/gu, '');
}

function normalise(name: string): string {
  const lower = name.toLowerCase();
  return isAscii(lower) ? finish(lower, true) : finish(withoutMarks(lower));
}

/** Each look-alike letter replaced by the ASCII letter it imitates (UTS #39's skeleton, on the shipped subset). */
function skeleton(text: string): string {
  const table = lookalikeTable();
  return Array.from(text, (ch) => table.get(ch)?.ascii ?? ch).join('');
}

/**
 * The forms a name is compared in once look-alikes are mapped: as written (UTS #39's skeleton, then lower case:
 * "Кӏarna", capital KA and small PALOCHKA, is Klarna), and in lower case and in upper case, each mapped, for a
 * look-alike of the other case (the Cyrillic small KA imitates no Latin letter, its capital imitates K, so "кLARNA"
 * is KLARNA in capitals). Two names are one when any form agrees. Only for a name outside ASCII: every look-alike in
 * the table is outside ASCII, and ASCII has no marks and one case mapping, so each form of an ASCII name is its plain
 * form (nearly every name is ASCII, and the three skeletons were most of this policy's time).
 */
function lookalikeKeys(name: string): readonly string[] {
  const base = withoutMarks(name);
  return [skeleton(base), skeleton(base.toLowerCase()), skeleton(base.toUpperCase())].map((form) => finish(form.toLowerCase()));
}

/** The look-alike letters of the names, for the message: "U+041A CYRILLIC CAPITAL LETTER KA". */
function lookalikesIn(...names: string[]): string {
  const table = lookalikeTable();
  const found = new Set<string>();
  for (const name of names) {
    for (const ch of withoutMarks(name)) {
      const entry = table.get(ch);
      if (entry) found.add(`U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')} ${entry.name}`);
    }
  }
  return [...found].join(', ');
}

interface Seen {
  readonly file: string;
  readonly text: string;
  /** The order met in: of two earlier entries a name could match, the first one met is the one named. */
  readonly order: number;
}

/**
 * Names (or legal entities) met so far, by their plain form and by each look-alike form. An ASCII name's forms are
 * all its plain form, so it is kept once, in `ascii`, and stands in each form's table from there: the three tables
 * hold only names outside ASCII, and most runs never fill them (a quarter of this policy's time went to keeping
 * every ASCII name four times over).
 */
class Register {
  private readonly plain = new Map<string, Seen>();
  private readonly ascii = new Map<string, Seen>();
  private readonly forms = [new Map<string, Seen>(), new Map<string, Seen>(), new Map<string, Seen>()];
  private count = 0;

  /** The earlier entry this text duplicates, and whether only look-alikes make them one; else records it. */
  match(text: string, file: string): { seen: Seen; lookalike: boolean } | undefined {
    const key = normalise(text);
    const same = this.plain.get(key);
    if (same) return { seen: same, lookalike: false };
    const asciiText = isAscii(text);
    const keys = asciiText ? undefined : lookalikeKeys(text);
    for (const [index, forms] of this.forms.entries()) {
      const form = keys?.[index] ?? key;
      const like = earlier(forms.size > 0 ? forms.get(form) : undefined, asciiText ? undefined : this.ascii.get(form));
      if (like) return { seen: like, lookalike: true };
    }
    const seen = { file, text, order: this.count++ };
    this.plain.set(key, seen);
    if (asciiText) {
      this.ascii.set(key, seen);
      return undefined;
    }
    for (const [index, forms] of this.forms.entries()) {
      const form = keys?.[index] ?? key;
      if (!forms.has(form)) forms.set(form, seen);
    }
    return undefined;
  }
}

/** Of two entries met before, the one met first. */
function earlier(a: Seen | undefined, b: Seen | undefined): Seen | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  return a.order < b.order ? a : b;
}

export default definePolicy({
  id: 'duplicate-subprocessor',
  severity: 'error',
  partOfValidation: true,
  description: 'Two files describe the same vendor: the same name or the same legal entity.',
  // One company often provides several listed services (Google Ads, YouTube): worth a look, not a failure.
  severities: { 'same-entity': 'warning', 'lookalike-entity': 'warning' },
  messages: {
    'same-name': '{{name}} is already listed in {{other}}',
    'same-entity': 'the legal entity {{entity}} is already listed in {{other}}',
    'lookalike-name': '{{name}} is {{otherName}}, already listed in {{other}}, written with look-alike letters: {{lookalikes}}',
    'lookalike-entity':
      'the legal entity {{entity}} is {{otherEntity}}, already listed in {{other}}, written with look-alike letters: {{lookalikes}}',
  },
  hints: {
    'same-name': 'Merge the two files into one entry with several locations, and retire the one you drop.',
    'same-entity': 'Merge the two files, or correct the legal entity.',
    'lookalike-name':
      "Retype the name in the letters of the vendor's own script (a pasted name can carry letters of another alphabet), then merge the two files into one entry.",
    'lookalike-entity':
      "Retype the legal entity in the letters of the vendor's own script, then merge the two files or correct the legal entity.",
  },
  check({ after }, report) {
    const names = new Register();
    const entities = new Register();
    for (const entry of after.subprocessors) {
      const sub = entry.value;
      // A retired entry is history: its successor under the same name is not a duplicate.
      if (sub.status === 'retired') continue;
      const byName = names.match(sub.name, entry.file);
      if (byName?.lookalike) {
        const data = {
          name: sub.name,
          otherName: byName.seen.text,
          other: byName.seen.file,
          lookalikes: lookalikesIn(sub.name, byName.seen.text),
        };
        report({ messageId: 'lookalike-name', file: entry, path: ['name'], subprocessor: sub.id, data });
      } else if (byName) {
        report({
          messageId: 'same-name',
          file: entry,
          path: ['name'],
          subprocessor: sub.id,
          data: { name: sub.name, other: byName.seen.file },
        });
      }
      if (sub.legalEntity === undefined) continue;
      const byEntity = entities.match(sub.legalEntity, entry.file);
      if (byEntity?.lookalike) {
        const lookalikes = lookalikesIn(sub.legalEntity, byEntity.seen.text);
        const data = { entity: sub.legalEntity, otherEntity: byEntity.seen.text, other: byEntity.seen.file, lookalikes };
        report({ messageId: 'lookalike-entity', file: entry, path: ['legalEntity'], subprocessor: sub.id, data });
      } else if (byEntity) {
        const data = { entity: sub.legalEntity, other: byEntity.seen.file };
        report({ messageId: 'same-entity', file: entry, path: ['legalEntity'], subprocessor: sub.id, data });
      }
    }
  },
});
