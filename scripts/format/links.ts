/** Turns repository paths into web links, when the run knows where the repository is published. */
export interface Links {
  /** Absolute URL of a file (and line) in the revision under review, or undefined when unknown. */
  file(path: string, line?: number): string | undefined;
  /** Absolute URL of a policy's doc page: from the trusted base when the review knows it. */
  docs(path: string): string | undefined;
}

export const NO_LINKS: Links = { file: () => undefined, docs: () => undefined };

/** Links into `blob` URLs of a repository: https://host/owner/repo/blob/REV/ for files, the same or another for docs. */
export function blobLinks(fileBase: string, docsBase = fileBase): Links {
  const slash = (base: string) => (base.endsWith('/') ? base : `${base}/`);
  const url = (base: string, path: string) => `${slash(base)}${path.split('/').map(encodeURIComponent).join('/')}`;
  return {
    file: (path, line) => `${url(fileBase, path)}${line ? `#L${line}` : ''}`,
    docs: (path) => url(docsBase, path),
  };
}

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
  return base ? blobLinks(base) : NO_LINKS;
}
