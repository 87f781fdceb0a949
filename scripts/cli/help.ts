import { version } from '../version.js';

// Help texts live apart from the commands so that `--help` loads neither Ajv nor the YAML parser.

export const HELP = `subproc ${version}: policy-as-code for GDPR subprocessor registries

Usage: subproc <command> [options]

Commands:
  check [DIR]        review a change (base → head) with every policy, as the pull-request bot does
  validate [DIR]     check every registry file against its schema, with file:line:column diagnostics
  import FILE        turn a published subprocessor page (text or CSV) into registry files

Run "subproc <command> --help" for a command's options.
Exit codes: 0 clean, 1 findings or invalid data, 2 usage or environment error.
`;

export const VALIDATE_HELP = `Usage: subproc validate [DIR] [--ref REF] [--format FORMAT] [--today YYYY-MM-DD]

Checks every file of the registry: YAML syntax, encoding, the JSON Schemas, file names, categories, and the
policies that judge single files (unknown-country, duplicate-subprocessor, policy-config).

Arguments:
  DIR               the registry folder (default: registry)

Options:
  --ref REF         read the registry as committed at a git ref (branch, tag, commit) instead of the work tree;
                    nothing is checked out
  --format FORMAT   stylish (default, for people), json (schemas/output.schema.json), sarif, github
                    (workflow annotations) or markdown
  --today DATE      evaluate as of this date, YYYY-MM-DD (default: today, UTC)
  -h, --help        show this help

Exit codes: 0 valid, 1 invalid data, 2 usage or environment error.
`;

export const IMPORT_HELP = `Usage: subproc import FILE [--out DIR] [--controller NAME --controller-country CC] [options]

Turns a published subprocessor list into registry files: one YAML file per subprocessor and registry.yaml.
FILE is the page saved as text (tab-separated rows under section headings) or a CSV file whose header row names
the columns: Category, Subcontractor, Storage place, Mechanism allowing international data transfer, Service
provided and Performed task (tasks in <i>…</i>), or Service provided and Performed task as two columns.

What cannot be mapped (an unknown place, an unknown mechanism wording) is refused with its line and column.

Options:
  --out DIR                  where to write the registry (default: registry)
  --format text|csv          the input format (default: csv for .csv files, text otherwise)
  --controller NAME          the company publishing the list (kept from DIR/registry.yaml when omitted)
  --controller-country CC    its country, ISO 3166-1 alpha-2 (FR)
  --notice-days N            days of notice before a new subprocessor starts (default: 30)
  --force                    overwrite registry files that differ from the import
  -h, --help                 show this help

Exit codes: 0 imported, 1 the input has problems (nothing is written), 2 usage or environment error.
`;

export const CHECK_HELP = `Usage: subproc check [DIR] [--base REF] [--head REF] [--format FORMAT] [--fail-on error|warning]

Reviews a change to the registry the way a privacy lawyer would: loads the head (the work tree, or a git ref)
and the base (a git ref), computes what changed, and runs every policy (docs/policies/). Git refs are read as
blobs: nothing is checked out.

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
  -h, --help         show this help

Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or environment error.
`;
