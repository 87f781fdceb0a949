import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, type CliResult } from './run-cli.js';

/** The committed bundle action.yml runs. */
export const ACTION_BUNDLE = join(ROOT, 'action', 'index.js');

/** INPUT_* as the runner names them: upper case, spaces as underscores, hyphens kept (INPUT_FAIL-ON). */
export function inputs(values: Record<string, string>): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [`INPUT_${name.replace(/ /g, '_').toUpperCase()}`, value]));
}

export interface ActionRun extends CliResult {
  /** The step's outputs, read back from the GITHUB_OUTPUT file (heredoc form). */
  outputs: Record<string, string>;
  summary: string;
}

/** The outputs of a GITHUB_OUTPUT file: `name<<DELIMITER`, the value's lines, the delimiter. */
export function readOutputs(file: string): Record<string, string> {
  const lines = readFileSync(file, 'utf8').split('\n');
  const outputs: Record<string, string> = {};
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!match?.[1] || !match[2]) continue;
    const end = lines.indexOf(match[2], i + 1);
    outputs[match[1]] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return outputs;
}

/**
 * Runs `node action/index.js` as the runner runs a JavaScript action: in the workspace, with the job's variables
 * and the step's INPUT_*. Asynchronous, because a stand-in API answers from this process.
 */
export function runAction(options: {
  bundle?: string;
  cwd: string;
  /** A folder for GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and RUNNER_TEMP. */
  work: string;
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
}): Promise<ActionRun> {
  const output = join(options.work, `output-${String(Date.now())}-${String(Math.random()).slice(2)}`);
  const summary = `${output}.summary`;
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    RUNNER_TEMP: options.work,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    ...options.env,
  };
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [options.bundle ?? ACTION_BUNDLE], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code: code ?? -1,
        stdout,
        stderr: signal ? `${stderr}\n(killed by ${signal} after ${String(timeoutMs)} ms)` : stderr,
        outputs: readOutputs(output),
        summary: readFileSync(summary, 'utf8'),
      });
    });
  });
}
