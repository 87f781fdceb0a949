export interface Palette {
  red(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  green(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  underline(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const plain = (text: string) => text;

export const COLOURS: Palette = {
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  blue: wrap(34, 39),
  green: wrap(32, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
  underline: wrap(4, 24),
};
export const NO_COLOURS: Palette = { red: plain, yellow: plain, blue: plain, green: plain, dim: plain, bold: plain, underline: plain };

/** Colour only for a person at a terminal: NO_COLOR turns it off, FORCE_COLOR on (https://no-color.org). */
export function paletteFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Palette {
  if (env.NO_COLOR) return NO_COLOURS;
  if (env.FORCE_COLOR && env.FORCE_COLOR !== '0') return COLOURS;
  return stream.isTTY ? COLOURS : NO_COLOURS;
}
