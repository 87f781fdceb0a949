#!/usr/bin/env node
// Runs the compiled command line (npm ci builds it through the prepare script): no transpiling at start-up.
import { existsSync } from 'node:fs';
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// Node 22.1+ keeps compiled code between runs, which shortens start-up; Node 20 has no such cache, so it is skipped.
module.enableCompileCache?.();

// The command line bundled into one CommonJS file (scripts/tools/build-cli.ts): one file to load, not a hundred.
const entry = new URL('../build/bundle/main.cjs', import.meta.url);
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
const { main } = module.createRequire(import.meta.url)(fileURLToPath(entry));
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
});
