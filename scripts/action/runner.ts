import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';

// The few lines of the runner's protocol the action needs (what @actions/core does), written here rather than
// bundling a dependency for them: inputs arrive as INPUT_* variables, outputs go to the GITHUB_OUTPUT file, and
// annotations are workflow commands on stdout.

/**
 * An input as the runner passes it: INPUT_ + the name upper-cased with spaces as underscores (hyphens stay, so
 * `fail-on` is INPUT_FAIL-ON), trimmed as @actions/core's getInput trims it. Missing and empty are the same.
 */
export function readInput(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/** Removes an input from the environment, so that no child process inherits it (a token, a secret key). */
export function takeInput(env: NodeJS.ProcessEnv, name: string): string {
  const value = readInput(env, name);
  Reflect.deleteProperty(env, `INPUT_${name.replace(/ /g, '_').toUpperCase()}`);
  return value;
}

/**
 * Sets a step output. GITHUB_OUTPUT takes `name<<DELIMITER` heredocs for any value; the delimiter is random, so no
 * value (a version, a count, a path) can end it early and add outputs of its own.
 */
export function setOutput(env: NodeJS.ProcessEnv, name: string, value: string): void {
  const file = env.GITHUB_OUTPUT;
  if (!file) return;
  const delimiter = `ghadelimiter_${randomUUID()}`;
  if (name.includes(delimiter) || value.includes(delimiter)) throw new Error('an output contains its own delimiter');
  appendFileSync(file, `${name}<<${delimiter}\n${value}\n${delimiter}\n`);
}

/** A workflow command's message, escaped as the runner expects, so a newline cannot start a command of its own. */
export function commandText(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
