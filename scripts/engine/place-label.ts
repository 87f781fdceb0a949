import { countryList } from '../registry/countries.js';
import type { TransferFacts } from './transfer-facts.js';

let names: Map<string, string> | undefined;

/** "US (United States of America)", "WORLD (anywhere in the world)": codes with words, for messages. */
export function placeLabel(code: string, facts: TransferFacts): string {
  names ??= new Map(countryList().countries.map((c) => [c.code, c.name]));
  const name = names.get(code) ?? facts.region(code)?.name;
  return name ? `${code} (${name})` : code;
}
