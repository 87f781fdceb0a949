#!/usr/bin/env node
// Runs the compiled command line (npm ci builds it through the prepare script): no transpiling at start-up.
import { existsSync } from 'node:fs';
import module from 'node:module';

// Node 22.1+ keeps compiled code between runs, which shortens start-up; Node 20 has no such cache, so it is skipped.
module.enableCompileCache?.();

// The bundle of the command line (scripts/tools/build-cli.ts): a few files to load rather than a hundred.
const entry = new URL('../build/exp2/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('subproc: the command line is not built yet.\n  Run "npm run build" (npm ci runs it for you).\n');
  process.exit(2);
}
// A reader that stops early (`subproc check | head`) closes the pipe: stop quietly, as other command-line tools do,
// rather than die on an unhandled EPIPE with a stack trace. Any other stream error is still reported.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
