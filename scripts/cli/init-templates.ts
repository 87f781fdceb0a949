import { actionRef, actionRepository, version } from '../version.js';

/*
 * The files `subproc init` writes besides the registry, as text. Workflows call the reusable workflow and the
 * action of the release this package came from (`actionRef`), so an adopter's CI runs the same version as the CLI
 * they installed; third-party actions are pinned by commit, as this repository's own workflows pin them.
 */

/** actions/checkout as .github/workflows/*.yml pin it (test/init.test.ts keeps the two equal). */
export const CHECKOUT = 'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2';
export const UPLOAD_PAGES = 'actions/upload-pages-artifact@fc324d3547104276b827a68afc52ff2a11cc49c9 # v5.0.0';
export const DEPLOY_PAGES = 'actions/deploy-pages@cd2ce8fcbc39b97be8ca5fce6e763baed58fa128 # v5.0.0';

/** The team that owns the registry until the adopter names theirs (`--owner`). */
export const PLACEHOLDER_OWNER = '@your-org/privacy-team';

export interface InitValues {
  readonly registry: string;
  readonly owner: string;
  readonly branch: string;
  /** Serve the public page on GitHub Pages from the release workflow (init --pages). */
  readonly pages: boolean;
}

const reusableWorkflow = `${actionRepository}/.github/workflows/subproc.yml@v${version}`;

export function reviewWorkflow({ registry, branch }: InitValues): string {
  return `# Reviews every pull request that touches the registry: schema, policies, what changed since the base. Findings
# appear as code-scanning alerts on the changed lines (SARIF); the job fails on an error. A push to ${branch} only
# saves subproc's file cache for the pull requests based on it; a pull request restores it and never saves.
name: Subprocessor review

on:
  pull_request:
    paths: ['${registry}/**']
  push:
    branches: [${branch}]
    paths: ['${registry}/**']

permissions: {}

jobs:
  review:
    if: github.event_name == 'pull_request'
    permissions:
      contents: read
      security-events: write
    uses: ${reusableWorkflow}
    with:
      mode: review
      registry: ${registry}

  # The push job only fills and saves the cache: it uploads no findings, so it gets no code-scanning permission.
  cache:
    if: github.event_name == 'push'
    permissions:
      contents: read
    uses: ${reusableWorkflow}
    with:
      mode: review
      registry: ${registry}
`;
}

export function commentWorkflow({ registry }: InitValues): string {
  return `# Comments on pull requests with what changed and what the policies found, including pull requests from forks.
# pull_request_target runs with a token that can write comments, which is safe here only because the reusable
# workflow never checks out or runs the pull request's code: it reads the registry's files as git blobs and runs the
# subproc of the pinned release. Do not add steps that check out or run the head of the pull request.
name: Subprocessor comment

on:
  pull_request_target:
    paths: ['${registry}/**']

permissions: {}

jobs:
  comment:
    permissions:
      contents: read
      pull-requests: write
      issues: write
      statuses: write
    uses: ${reusableWorkflow}
    with:
      mode: comment
      registry: ${registry}
`;
}

/** The pages job, and the step of the release job that hands it the folder: only with init --pages. */
function pagesParts(pages: boolean): { upload: string; job: string } {
  if (!pages) return { upload: '', job: '' };
  return {
    upload: `      # The public page (index.html) with the release beside it, for the pages job below.
      - if: steps.release.outputs.built == 'true'
        uses: ${UPLOAD_PAGES}
        with:
          path: dist/
`,
    job: `
  # Serves the page on GitHub Pages. Settings > Pages > Source must be "GitHub Actions".
  pages:
    needs: release
    if: needs.release.outputs.built == 'true'
    runs-on: ubuntu-latest
    timeout-minutes: 10
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: \${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: ${DEPLOY_PAGES}
`,
  };
}

export function releaseWorkflow({ registry, branch, pages }: InitValues): string {
  const parts = pagesParts(pages);
  return `# Publishes a signed release of the list (subprocessors.json, its minisign signature, changelog, feed, CSV) when
# the registry changes on ${branch}. SUBPROC_SIGNING_KEY is the secret key \`subproc keygen\` printed; consider giving
# this job an environment with required reviewers so that no release is signed without a person's approval.
name: Subprocessor release

on:
  push:
    branches: [${branch}]
    paths: ['${registry}/**']
  workflow_dispatch:

permissions: {}

concurrency:
  group: subproc-release
  cancel-in-progress: false

jobs:
  release:
    runs-on: ubuntu-latest
    timeout-minutes: 15
    permissions:
      contents: write
    outputs:
      built: \${{ steps.release.outputs.built }}
    steps:
      - uses: ${CHECKOUT}
        with:
          fetch-depth: 0
          persist-credentials: false
      - id: release
        uses: ${actionRef}
        with:
          mode: release
          registry: ${registry}
          signing-key: \${{ secrets.SUBPROC_SIGNING_KEY }}
${parts.upload}${parts.job}`;
}

export function codeowners({ registry, owner }: InitValues): string {
  const placeholder = owner === PLACEHOLDER_OWNER;
  return `# Who must approve a change to the list of subprocessors.${placeholder ? ` ${PLACEHOLDER_OWNER} is a placeholder: replace it\n# with your privacy team (a GitHub team or user), then protect the default branch with "Require review from Code Owners".` : '\n# Protect the default branch with "Require review from Code Owners" so that these owners decide.'}
/${registry}/                       ${owner}
/${registry}/registry.yaml          ${owner}
# What runs the checks and the release: a change here changes what is enforced.
/.github/                        ${owner}
/package.json                    ${owner}
/package-lock.json               ${owner}
/CODEOWNERS                      ${owner}
# The key release signatures are checked against: changing it changes whom consumers trust.
/keys/                           ${owner}
`;
}

export function pullRequestTemplate({ registry }: InitValues): string {
  return `## What changes

<!-- Which subprocessors are added, retired or changed, and why. -->

## Checklist

- [ ] I ran \`npx subproc check\` and fixed what it reports (or explained the waiver below).
- [ ] A new subprocessor or a new place has a \`since\` date at least the notice period away, and customers will be told.
- [ ] A vendor we stop using is retired (\`status: retired\`, with \`retired.on\` and \`retired.reason\`), not deleted.
- [ ] Every place outside the EEA names its transfer mechanism, and the DPA or SCCs are signed.

## Waivers

<!-- If this change adds a waiver to ${registry}/registry.yaml, say who accepted the risk and until when. -->
`;
}

export function requestForm({ registry }: InitValues): string {
  return `name: Request a new subprocessor
description: Ask the privacy team to add a vendor that will process personal data.
title: 'New subprocessor: '
labels: ['subprocessor-request']
body:
  - type: markdown
    attributes:
      value: |
        Customers must be told before a new subprocessor starts processing their data. Fill in what the registry
        needs; the privacy team turns it into a pull request on ${registry}/subprocessors/.
  - type: input
    id: name
    attributes:
      label: Vendor name
      description: As customers know it, e.g. "Zendesk".
    validations:
      required: true
  - type: input
    id: legal-entity
    attributes:
      label: Contracting legal entity
      description: e.g. "Zendesk, Inc.".
  - type: input
    id: category
    attributes:
      label: Category
      description: One of the categories in ${registry}/registry.yaml, e.g. "hosting".
    validations:
      required: true
  - type: input
    id: service
    attributes:
      label: Service provided
      description: e.g. "Sending emails".
    validations:
      required: true
  - type: textarea
    id: tasks
    attributes:
      label: Tasks performed with personal data
      description: One per line.
    validations:
      required: true
  - type: textarea
    id: locations
    attributes:
      label: Where data is processed or stored, and the transfer mechanism for each place
      description: |
        One line per place: the country code (or EEA), whose data goes there if not everyone's, and the mechanism:
        none (inside the EEA), adequacy, dpf (certified US vendors), scc, bcr, or another.
      placeholder: |
        IE, all users, none
        US, all users, dpf
    validations:
      required: true
  - type: input
    id: since
    attributes:
      label: Planned start date (YYYY-MM-DD)
      description: At least the notice period (${registry}/registry.yaml, noticePeriodDays) after customers are told.
    validations:
      required: true
  - type: input
    id: dpa
    attributes:
      label: Link to the data processing agreement
  - type: textarea
    id: notes
    attributes:
      label: Anything else the reviewers should know
`;
}

export function objectionForm({ registry }: InitValues): string {
  return `name: Object to a subprocessor
description: Object to a new or changed subprocessor before it starts processing your data (GDPR Art. 28(2)).
title: 'Objection: '
labels: ['subprocessor-objection']
body:
  - type: markdown
    attributes:
      value: |
        We tell customers before a new subprocessor starts, or an existing one processes data in a new place, so
        that they can object. Name the subprocessor as the published list does (${registry}/subprocessors/) and say
        why. An objection can contain personal data: if this repository is public, write to the contact in
        ${registry}/registry.yaml instead.
  - type: input
    id: subprocessor
    attributes:
      label: Subprocessor
      description: Its name or id in the published list, e.g. "zendesk".
    validations:
      required: true
  - type: dropdown
    id: change
    attributes:
      label: What do you object to?
      options:
        - A new subprocessor
        - A new place where it processes data
        - A changed transfer mechanism
        - Something else
    validations:
      required: true
  - type: input
    id: organisation
    attributes:
      label: Your organisation
      description: The customer on whose behalf you object.
    validations:
      required: true
  - type: textarea
    id: grounds
    attributes:
      label: Grounds for the objection
      description: What risk you see for the personal data you entrust to us, and what would address it.
    validations:
      required: true
  - type: input
    id: contact
    attributes:
      label: How we reach you about it
      description: An email address or the name of your contact person.
`;
}

export function packageJson(name: string): string {
  return `${JSON.stringify(
    {
      name,
      private: true,
      description: 'Our list of subprocessors, checked and released with subproc.',
      scripts: { check: 'subproc check', release: 'subproc release' },
      dependencies: { subproc: `^${version}` },
    },
    null,
    2,
  )}\n`;
}

export const GITIGNORE = `node_modules/
# The release subproc builds; the workflow publishes it.
dist/
# Never commit a signing key: keep it in the SUBPROC_SIGNING_KEY secret.
*.key
# What check and validate remember of each file between runs; rebuilt when missing.
.subproc-cache/
`;
