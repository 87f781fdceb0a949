// `subproc … | head` closes the pipe before the output is written: the command stops quietly, with no stack trace.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from './helpers/run-cli.js';

function runIntoClosedPipe(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // The reader goes away at once, as `head -0` would: every write after this one meets a closed pipe.
    child.stdout.destroy();
    child.on('close', (code) => {
      resolve({ code, stderr });
    });
  });
}

describe('output into a pipe the reader closed', () => {
  it.each([
    ['check', ['check', '--no-base', '--format', 'json']],
    ['help', ['--help']],
  ])('%s exits without a stack trace', async (_name, args) => {
    const { code, stderr } = await runIntoClosedPipe(args);
    expect(stderr).not.toMatch(/EPIPE|Unhandled|\n\s+at /);
    expect(code).not.toBeNull();
  });
});
