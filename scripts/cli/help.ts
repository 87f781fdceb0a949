import { version } from '../version.js';

// Help texts live apart from the commands so that `--help` loads neither Ajv nor the YAML parser.

export const HELP = `subproc ${version}: policy-as-code for GDPR subprocessor registries

Usage: subproc <command> [options]

Commands:
  release [DIR]      the whole job: check, build, sign and verify a release in dist/ (npm start)
  check [DIR]        review a change (base → head) with every policy, as the pull-request bot does
  validate [DIR]     check every registry file against its schema, with file:line:column diagnostics
  import FILE        turn a published subprocessor page (text or CSV) into registry files
  init [DIR]         set up a repository for your own list: registry, workflows, CODEOWNERS, forms
  build [DIR]        build the release files (canonical JSON, changelog, feeds, CSV, Markdown, SHA256SUMS)
  keygen             create the Ed25519 signing key pair (public key in keys/, secret printed once)
  sign [OUT]         sign dist/subprocessors.json (minisign format, prehashed Ed25519)
  verify FILE        verify a release as a consumer must: key, signatures, content, expiry, rollback
  diff OLD NEW       what changed between two releases, for customers and downstream systems (text or JSON)
  publish [OUT]      publish dist/ as a GitHub release: draft, upload, publish; safe to re-run

Laws: registry.yaml's jurisdictions: [eu-gdpr, uk-gdpr, ch-fadp] (default eu-gdpr) says which laws judge each
transfer; the release states each place's coverage under each of them (subprocessors.json, index.html, the CSV).

Run "subproc <command> --help" for a command's options.
Exit codes: 0 clean, 1 findings or invalid data, 2 usage or environment error.
`;

export const VALIDATE_HELP = `Usage: subproc validate [DIR] [--ref REF] [--format FORMAT] [--today YYYY-MM-DD] [--fix | --fix-dry-run] [--no-cache]

Checks every file of the registry: YAML syntax, encoding, the JSON Schemas (dataCategories and dataSubjects ids
from policies/data, docs/data-categories.md), file names, categories, the product, feature and residency scopes
that when: names (docs/scopes.md), and the policies that judge single files (unknown-country,
duplicate-subprocessor, policy-config).

Arguments:
  DIR               the registry folder (default: registry)

Options:
  --ref REF         read the registry as committed at a git ref (branch, tag, commit) instead of the work tree;
                    nothing is checked out
  --format FORMAT   stylish (default, for people), json (schemas/output.schema.json), sarif, github
                    (workflow annotations) or markdown
  --today DATE      evaluate as of this date, YYYY-MM-DD (default: today, UTC)
  --fix             write the exact replacements findings name into the work-tree files (UK -> GB, France -> FR,
                    "Standard Contractual Clauses" -> scc, a misspelt key or value), changing only those
                    values and keys; then report what remains. A guess (two candidates as close) is never written
  --fix-dry-run     print the unified diff --fix would make, and what would remain; write nothing
  --no-cache        parse and validate every file, and read or write nothing in the cache (docs/cache.md;
                    also SUBPROC_NO_CACHE=1). The cache keeps what each file yielded, by its content, in
                    .subproc-cache/ at the repository root; it never changes a report
  -h, --help        show this help

Exit codes: 0 valid, 1 invalid data, 2 usage or environment error.
`;

export const IMPORT_HELP = `Usage: subproc import FILE [--out DIR] [--controller NAME --controller-country CC] [options]

Turns a published subprocessor list into registry files: one YAML file per subprocessor and registry.yaml.
FILE is a CSV or TSV export of the list, or the page saved as text (tab-separated rows). The header row names the
columns, in any case: Subprocessor (or Sub-processor, Subcontractor, Name, Vendor, Company, Entity, Provider),
Location (Country, Countries, Region, Data location, Hosting location, Storage place), Transfer mechanism
(Safeguard, Transfer safeguard, Legal basis for transfer, Transfer basis), Purpose (Service, Description, Nature of
processing, Activity, Processing activities; a purpose alone is the task), optionally Performed task, Category,
Data categories and Data subjects (ids or titles of the vocabularies, separated by ";" or ","; an unknown one is
refused with the nearest; without the columns the fields are left out).

Sections come from a Category column, heading rows (only the first cell filled), or --category; a list with none
goes into one category, "Subprocessors", and the import says so. Places may be written in English, German, French,
Spanish, Italian, Dutch, Polish, Portuguese or Swedish (Allemagne, Deutschland, États-Unis), as ISO codes or as
regions (EEA, EU, Europe, North America, World); the registry stores the ISO code.

Mechanisms stated in an order ("Data Privacy Framework, else Standard Contractual Clauses") become mechanisms:
[dpf, scc]. A release's subprocessors.csv is read exactly from its code columns (ID, User codes, Place codes, Place
user codes, Mechanism codes) where present; its Status column and the word columns they stand for are not read. What cannot be mapped (an unknown place, an unknown mechanism
wording) is refused with its line and column.

Options:
  --out DIR                  where to write the registry (default: registry)
  --format text|csv|tsv      the input format (default: from the extension .csv or .tsv, text otherwise)
  --category NAME            the category of rows the list puts in no section (all of them, without headings)
  --controller NAME          the company publishing the list (kept from DIR/registry.yaml when omitted)
  --controller-country CC    its country, ISO 3166-1 alpha-2 (FR)
  --contact EMAIL_OR_URL     where customers send questions and objections (kept from registry.yaml when omitted)
  --notice-days N            days of notice before a new subprocessor starts (default: 30)
  --dry-run                  print each file it would write with its YAML, then a summary; write nothing
  --force                    overwrite registry files that differ from the import
  -h, --help                 show this help

Exit codes: 0 imported, 1 the input has problems (nothing is written), 2 usage or environment error.
`;

export const INIT_HELP = `Usage: subproc init [DIR] --controller NAME --controller-country CC --contact EMAIL_OR_URL [options]

Sets up DIR (default: the current folder) as a repository for your own list of subprocessors:
  registry/registry.yaml           the controller, its contact, the notice period, starting categories
  registry/subprocessors/          empty (.gitkeep) until you import or add vendors
  .github/workflows/subproc-*.yml  review and comment on pull requests, publish signed releases, with the
                                   subproc GitHub Action of this version
  CODEOWNERS                       who approves changes to the registry
  .github/pull_request_template.md, .github/ISSUE_TEMPLATE/  request a subprocessor; object to one
  package.json, .gitignore         depend on subproc; merged into existing files, never replaced
Every registry file starts with a $schema line that editors with yaml-language-server follow for completion and
checks, offline (docs/adopt.md).

On a terminal, init asks for the values the flags leave out; elsewhere a missing value is a usage error.

Options:
  --controller NAME          the company that publishes the list
  --controller-country CC    its country, ISO 3166-1 alpha-2 (FR)
  --contact EMAIL_OR_URL     where customers send questions and objections
  --notice-days N            days of notice before a new subprocessor starts (default: 30)
  --role controller|processor  what the publisher is (default: controller); a processor lists its
                             sub-processors for its customers, the controllers (docs/publisher-role.md)
  --owner @ORG/TEAM          owner of the registry in CODEOWNERS (default: a placeholder to replace)
  --default-branch NAME      the branch releases are published from (default: main)
  --pages                    also serve the release's public page (index.html) on GitHub Pages
  --force                    overwrite files init writes that already exist and differ
  -h, --help                 show this help

Exit codes: 0 set up, 2 usage error (a missing value, files that would be overwritten) or environment error.
`;

export const CHECK_HELP = `Usage: subproc check [DIR] [--base REF] [--head REF] [--format FORMAT] [--fail-on error|warning] [--fix]

Reviews a change to the registry the way a privacy lawyer would: loads the head (the work tree, or a git ref)
and the base (a git ref), computes what changed, and runs every policy (docs/policies/). Git refs are read as
blobs: nothing is checked out.

Transfers are judged under each law registry.yaml declares, jurisdictions: [eu-gdpr, uk-gdpr, ch-fadp]
(default: eu-gdpr alone), and every transfer finding names its law; in a review the base's list applies.
A law may set severities for its own findings: { id: uk-gdpr, policies: { missing-transfer-mechanism: warning } }
beats policies: for the UK GDPR's findings only; a waiver's law: limits it the same way.
What covers each place under each law is written into the release: each location's coverage in
subprocessors.json, a line per law under its mechanisms on index.html (when more than eu-gdpr is declared), and
two Coverage columns per law in subprocessors.csv. docs/jurisdictions/ (uk-gdpr.md, ch-fadp.md) says what each
law's facts are and what is left to counsel.

Arguments:
  DIR                the registry folder (default: registry)

Options:
  --base REF         compare with this git ref (default: the merge base of HEAD with main or origin/main)
  --no-base          do not compare: only the policies that need no history run
  --head REF         check this git ref instead of the work tree
  --format FORMAT    stylish (default), json, sarif (SARIF 2.1.0), github (workflow annotations), markdown
  --fail-on LEVEL    error (default) or warning: the lowest severity that makes the exit code 1
  --write FMT:FILE   also write the report in another format to FILE (repeatable), e.g.
                     --write markdown:summary.md --write sarif:subproc.sarif
  --today DATE       evaluate as of this date, YYYY-MM-DD (default: today, UTC)
  --fix              write the exact replacements findings name into the work tree (see subproc validate --help),
                     then review what remains; never with --head (files read from git are never written)
  --fix-dry-run      print the unified diff --fix would make, and what would remain; write nothing
  --no-cache         parse and validate every file of both sides, and read or write nothing in the cache
                     (docs/cache.md; also SUBPROC_NO_CACHE=1)
  -h, --help         show this help

Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or environment error.
`;

const BUILD_OPTIONS_HELP = `  --out DIR              where to write the release (default: dist)
  --previous PATH        the previous release (its folder, or its subprocessors.json), for the version number
  --previous-from-github the previous release is the repository's latest GitHub release (--repo, GITHUB_TOKEN)
  --reissue              build even when nothing changed: same content, new expiry (scheduled re-issue)
  --reissue-within DAYS  re-issue an unchanged release only when it expires within DAYS, or when a start or
                         retirement it announced has come
  --released-at INSTANT  the release time (default: SOURCE_DATE_EPOCH, else now): same commit and time, same bytes
  --repo OWNER/NAME      the repository (default: GITHUB_REPOSITORY), for links in the feeds`;

export const BUILD_HELP = `Usage: subproc build [DIR] [options]

Builds the release from the registry (default: registry) into dist/: subprocessors.json (RFC 8785 canonical
JSON, schemas/release.schema.json), index.html (the public page: docs/public-page.md), CHANGELOG.md
(notice-worthy changes first, then how to object), feed.json (JSON Feed 1.1) and feed.xml (Atom 1.0; an unchanged
re-issue adds no entry), subprocessors.csv and subprocessors.md (the list as published), SHA256SUMS. It refuses
when subproc check fails.
Version: 1.0.0 first; then major for a new release-schema major, minor for changes customers must be told of,
patch for the rest; no change, no release.

Options:
${BUILD_OPTIONS_HELP}
  -h, --help             show this help
`;

export const KEYGEN_HELP = `Usage: subproc keygen [--out keys] [--secret-file FILE] [--format subproc|minisign] [--force]

Creates an Ed25519 key pair for signing releases. The public key goes to keys/minisign.pub (minisign format:
commit it, and give it to consumers). The secret key is printed once, for the secret SUBPROC_SIGNING_KEY of the
release-signing environment, or written to --secret-file (mode 600) outside the repository: a path that leads
inside it or inside any git work tree, symbolic links followed, is refused. An existing keys/minisign.pub or
--secret-file is replaced only with --force.
  --format minisign   write the secret key as minisign's unencrypted key file (as minisign -G -W does), so that
                      minisign -S -s FILE signs with it too; default subproc: one line, SUBPROC-ED25519-…
`;

export const SIGN_HELP = `Usage: subproc sign [OUT] [--key-file FILE]

Signs OUT/subprocessors.json (default OUT: dist) in minisign format: Ed25519 over the BLAKE2b-512 hash ("ED"), with
a trusted comment that signs the version, the sha256 and the expiry too. The key comes from SUBPROC_SIGNING_KEY or
--key-file and never appears in output: subproc keygen's one line, or a minisign secret key file without a password
(minisign -G -W; remove an existing key's password with minisign -C -W on a copy). Check with:
minisign -H -Vm dist/subprocessors.json -p keys/minisign.pub
`;

export const VERIFY_HELP = `Usage: subproc verify FILE --pubkey KEY [--sig FILE.minisig] [--state FILE] [--now INSTANT] [--allow-legacy]

Verifies a release as a consumer must, before using it: the signature's key id is the trusted key's, both
signatures hold (file and trusted comment), the trusted comment signs the file's sha256, version and expiry, the
document matches schemas/release.schema.json, it has not expired, and its version is not lower than the last one
accepted (--state remembers it, written whole and under a lock). Each refusal has its own message; exit code 1
when refused, 2 when an input is not a regular file of sensible size or the state cannot be trusted.
  --allow-legacy   accept a legacy minisign signature ("Ed", minisign -l); refused otherwise
`;

export const RELEASE_HELP = `Usage: subproc release [DIR] [options] [--key-file FILE]

The whole job on the registry (default: registry): check, build into dist/, sign, and verify the result. Without a
signing key (SUBPROC_SIGNING_KEY or --key-file) it signs with a one-time key and says so.

Options:
${BUILD_OPTIONS_HELP}
  --key-file FILE        the secret key (default: SUBPROC_SIGNING_KEY)
  -h, --help             show this help
`;

export const PUBLISH_HELP = `Usage: subproc publish [OUT] [--repo OWNER/NAME] [--api-url URL] [--target COMMIT] [--pubkey KEY]

Publishes the signed release in OUT (default: dist) as the GitHub release vOUT-VERSION. First it verifies the
folder's signature with the pinned key (keys/minisign.pub, or --pubkey KEY) and uploads nothing otherwise; then it
finds or creates a draft, uploads the files (skipping those already there with the same digest, replacing those
that differ), publishes it, and marks it latest only when its version is the highest published. Running it again
changes nothing; a published release with other bytes is refused, never overwritten. The token comes from
GITHUB_TOKEN (contents: write).
Stable URL for consumers: https://github.com/OWNER/NAME/releases/latest/download/subprocessors.json
`;

export const DIFF_HELP = `Usage: subproc diff OLD NEW [--pubkey KEY] [--format text|json] [--exit-code]

Says what changed between two releases: vendors added, re-engaged, retired or removed, new places, changed transfer
mechanisms, wider or narrower user scopes, other edits; the changes customers must be told of first. OLD and NEW
are release folders (as subproc release writes them) or their subprocessors.json files.

Options:
  --pubkey KEY      the publisher's public key (minisign.pub): verify both releases first (key, signatures,
                    trusted comment, schema), as subproc verify does, and refuse to compare if either fails or is
                    unsigned. An expired release is compared with a warning. Without it, stderr says that the
                    releases were not verified
  --format FORMAT   text (default, for people) or json (schemas/diff.schema.json, for downstream systems)
  --exit-code       exit 1 when the releases differ, 0 when they do not (as diff --exit-code)
  -h, --help        show this help

OLD newer than NEW is compared all the same, with a warning.
Exit codes: 0 compared (1 with --exit-code when they differ), 1 a release is invalid or failed verification,
2 usage error or a missing file.
`;
