import { cacheDisabled, cacheLocation, openFileCache, type FileCache } from '../registry/file-cache.js';
import { UsageError, type Io } from './io.js';

/** --no-cache, for the commands that load a registry. */
export const CACHE_OPTIONS = { 'no-cache': { type: 'boolean' } } as const;

/**
 * The cache a run uses, or none under --no-cache or SUBPROC_NO_CACHE. SUBPROC_CACHE_MAX_MB bounds its size
 * (256 MB when unset).
 */
export function fileCacheFor(command: string, noCache: boolean | undefined, io: Io): FileCache | undefined {
  if (noCache === true || cacheDisabled(io.env)) return undefined;
  const max = io.env.SUBPROC_CACHE_MAX_MB;
  if (max !== undefined && !/^[1-9]\d{0,5}$/.test(max)) {
    throw new UsageError(
      `${command}: SUBPROC_CACHE_MAX_MB must be a whole number of megabytes from 1, not "${max}"`,
      'Unset it for the default of 256, or pass --no-cache.',
    );
  }
  return openFileCache(cacheLocation(io.cwd, io.env), max !== undefined ? { maxMegabytes: Number(max) } : {});
}
