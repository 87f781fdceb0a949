export type Semver = readonly [number, number, number];

export function parseSemver(text: string): Semver | undefined {
  const match = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.exec(text);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

export function compareSemver(a: string, b: string): number {
  const x = parseSemver(a) ?? [0, 0, 0];
  const y = parseSemver(b) ?? [0, 0, 0];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

export function bump(version: string, part: 'major' | 'minor' | 'patch'): string {
  const [major, minor, patch] = parseSemver(version) ?? [0, 0, 0];
  if (part === 'major') return `${major + 1}.0.0`;
  if (part === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}
