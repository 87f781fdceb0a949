import { isIsoDate } from '../diagnostics/dates.js';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { didYouMean } from '../diagnostics/suggest.js';
import { DEFAULT_NOTICE_DAYS } from '../engine/settings.js';
import { UsageError } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>>;

/** node:util parseArgs, with its errors turned into usage errors that name the command and suggest a flag. */
export function parseCommandArgs<O extends Options>(command: string, args: string[], options: O): Parsed<O> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message;
    const flag = /'(--?[^' ]+)/.exec(message)?.[1];
    const known = Object.keys(options).map((name) => `--${name}`);
    // A value that starts with a dash (--notice-days -5) reads as another option; Node's advice is the fix.
    if (/argument is ambiguous/.test(message) && flag !== undefined) {
      throw new UsageError(
        `${command}: the value after ${flag} starts with "-"`,
        `Write it as ${flag}=VALUE. See: subproc ${command} --help`,
      );
    }
    // Node words a missing value as "Option '--format <value>' argument missing" and the generic hint then
    // suggests the very flag that was given.
    const missing = /argument missing/.test(message) ? /--[\w-]+/.exec(message)?.[0] : undefined;
    if (missing !== undefined) {
      throw new UsageError(
        `${command}: ${missing} needs a value, and none was given`,
        `Write ${missing} VALUE (or ${missing}=VALUE). See: subproc ${command} --help`,
      );
    }
    const suggestion = flag ? didYouMean(flag, known) : undefined;
    throw new UsageError(
      // Node's text goes on about positional arguments; the first sentence is the news.
      `${command}: ${/^[^.]*\./.exec(message)?.[0] ?? message}`,
      suggestion ? `Did you mean ${suggestion}? See: subproc ${command} --help` : `See: subproc ${command} --help`,
    );
  }
}

export function oneOf<T extends string>(command: string, flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const suggestion = didYouMean(value, allowed);
  throw new UsageError(
    `${command}: --${flag} must be one of ${allowed.join(', ')}, not "${value}"`,
    suggestion ? `Did you mean --${flag} ${suggestion}?` : undefined,
  );
}

/** --today YYYY-MM-DD: evaluate as of another day (reproducible reports, notice-period planning). */
export function todayOption(command: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!isIsoDate(value)) throw new UsageError(`${command}: --today must be a date in the form YYYY-MM-DD, not "${value}"`);
  return value;
}

/** --notice-days N, as init and import take it: whole days from 0 to 365 (the schema's range), default 30. */
export function noticeDaysOption(command: string, value: string | undefined): number {
  if (value === undefined) return DEFAULT_NOTICE_DAYS;
  const days = Number(value);
  if (!/^\d+$/.test(value) || days > 365)
    throw new UsageError(`${command}: --notice-days must be a whole number of days from 0 to 365, not "${value}"`);
  return days;
}

/** The controller contact's shape, as the registry schema words it: an email or a web address. */
export const CONTACT = /^([^@\s]+@[^@\s]+\.[^@\s]+|https?:\/\/[^\s/]+\.[^\s]+)$/;

/** Why a --contact value is refused, or undefined when the registry schema would take it. */
export function contactProblem(value: string): string | undefined {
  return CONTACT.test(value) && value.length <= 300 ? undefined : 'give an email address or a web address starting with https://';
}

/** --contact for init and import: the same check, so neither writes a registry.yaml the schema refuses. */
export function contactOption(command: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const problem = contactProblem(value);
  if (problem) throw new UsageError(`${command}: --contact "${value}": ${problem}`, 'Example: --contact privacy@acme.example');
  return value;
}
