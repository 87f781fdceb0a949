import { UsageError } from './io.js';

/** --released-at, else SOURCE_DATE_EPOCH (reproducible builds), else now; whole seconds. */
export function releaseClock(command: string, flag: string | undefined, env: NodeJS.ProcessEnv): Date {
  const fromFlag = flag !== undefined ? Date.parse(flag) : undefined;
  if (flag !== undefined && (fromFlag === undefined || Number.isNaN(fromFlag))) {
    throw new UsageError(`${command}: --released-at must be an instant such as 2026-11-23T10:00:00Z, not "${flag}"`);
  }
  const epoch = env.SOURCE_DATE_EPOCH;
  if (fromFlag === undefined && epoch !== undefined && !/^\d+$/.test(epoch))
    throw new UsageError(`${command}: SOURCE_DATE_EPOCH must be a number of seconds`);
  const ms = fromFlag ?? (epoch !== undefined ? Number(epoch) * 1000 : Date.now());
  return new Date(Math.floor(ms / 1000) * 1000);
}

/** owner/name, from --repo or GitHub Actions' GITHUB_REPOSITORY. */
export function repositoryOption(
  command: string,
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
): { owner: string; repo: string } | undefined {
  const value = flag ?? env.GITHUB_REPOSITORY;
  if (value === undefined) return undefined;
  const match = /^([\w.-]+)\/([\w.-]+)$/.exec(value);
  if (!match?.[1] || !match[2]) throw new UsageError(`${command}: --repo must be OWNER/NAME, not "${value}"`);
  return { owner: match[1], repo: match[2] };
}
