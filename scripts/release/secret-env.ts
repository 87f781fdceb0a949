/** The environment variable `sign` and `release` read the secret signing key from. */
export const SIGNING_KEY_ENV = 'SUBPROC_SIGNING_KEY';

/**
 * Variables no child process of subproc may inherit: git (and whatever hooks or helpers it runs) has no use for the
 * signing key, so main removes them from process.env once the command has its own copy of the environment.
 */
export const SECRET_ENV: readonly string[] = [SIGNING_KEY_ENV];
