#!/usr/bin/env node
// Runs the compiled command line (npm ci builds it through the prepare script): no transpiling at start-up.
import { existsSync } from 'node:fs';

const entry = new URL('../build/scripts/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('subproc: the command line is not built yet.\n  Run "npm run build" (npm ci runs it for you).\n');
  process.exit(2);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
