/** Turns repository paths into web links, when the run knows where the repository is published. */
export interface Links {
  /** Absolute URL of a file (and line) in the repository, or undefined when unknown. */
  file(path: string, line?: number): string | undefined;
}

export const NO_LINKS: Links = { file: () => undefined };

/**
 * SUBPROC_LINK_BASE (https://host/owner/repo/blob/REV/) wins; otherwise GitHub Actions' own variables locate the
 * commit under review.
 */
export function linksFromEnv(env: NodeJS.ProcessEnv): Links {
  const explicit = env.SUBPROC_LINK_BASE;
  const base =
    explicit ??
    (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_SHA
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/blob/${env.GITHUB_SHA}/`
      : undefined);
  if (!base) return NO_LINKS;
  const root = base.endsWith('/') ? base : `${base}/`;
  return { file: (path, line) => `${root}${path.split('/').map(encodeURIComponent).join('/')}${line ? `#L${line}` : ''}` };
}
