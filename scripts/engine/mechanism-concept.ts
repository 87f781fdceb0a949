import type { Subprocessor } from '../generated/subprocessor.js';
import { mechanismsOf } from '../registry/location-mechanisms.js';
import type { Law } from './jurisdiction.js';

/**
 * The W3C Data Privacy Vocabulary (DPV) names for transfer mechanisms, read from a law's data
 * (`mechanisms[].dpv` in policies/data/transfers/ID.json), so that the release and the JSON output can carry the
 * legal basis in a vocabulary other tools read, beside our own id. No concept is written here: the law's data
 * holds them, checked against the DPV EU GDPR extension (https://w3id.org/dpv/legal/eu/gdpr).
 */

/** The namespaces of the DPV extensions the laws' data may use, by prefix. */
export const DPV_NAMESPACES: Readonly<Record<string, string>> = {
  'eu-gdpr': 'https://w3id.org/dpv/legal/eu/gdpr#',
};

/** Every DPV concept a mechanism rests on under a law, in the order of the article; empty when the law does not accept it. */
export function dpvConcepts(law: Law, mechanism: string): readonly string[] {
  const dpv = law.basis(mechanism)?.dpv;
  if (dpv === undefined) return [];
  return typeof dpv === 'string' ? [dpv] : dpv;
}

/**
 * The one DPV legal-basis concept a mechanism rests on under a law (scc → eu-gdpr:A46-2-c, adequacy and dpf →
 * eu-gdpr:A45-3). Undefined when the law does not accept the mechanism (none, privacy-shield), and when the
 * mechanism stands for several bases and the id alone cannot say which: an Art. 49(1) derogation is one of points
 * (a) to (g), so `derogation` has no single concept (dpvConcepts lists them).
 */
export function dpvConcept(law: Law, mechanism: string): string | undefined {
  const concepts = dpvConcepts(law, mechanism);
  return concepts.length === 1 ? concepts[0] : undefined;
}

/** The full IRI of a concept written with a known prefix (eu-gdpr:A46-2-c → https://w3id.org/dpv/legal/eu/gdpr#A46-2-c). */
export function dpvIri(concept: string): string | undefined {
  const colon = concept.indexOf(':');
  if (colon <= 0) return undefined;
  const namespace = DPV_NAMESPACES[concept.slice(0, colon)];
  return namespace === undefined ? undefined : `${namespace}${concept.slice(colon + 1)}`;
}

/** What one mechanism id means under one law, in DPV IRIs: one item of a release's or a report's legalBases. */
export interface LegalBasis {
  readonly law: string;
  readonly mechanism: string;
  readonly dpv: readonly [string, ...string[]];
}

/**
 * The DPV concepts of every mechanism the registry's locations use, per law (sorted by law, then mechanism): what
 * lets a consumer read `scc` as eu-gdpr:A46-2-c without our glossary. A mechanism the law does not accept (none) has
 * no item; concepts whose prefix has no known namespace are left out, not guessed.
 */
export function legalBases(subprocessors: readonly Subprocessor[], laws: readonly Law[]): LegalBasis[] {
  // A loop rather than flatMap: every run's report asks this of every location, 10,000 vendors' worth on a large registry.
  const seen = new Set<string>();
  for (const s of subprocessors) for (const location of s.locations) for (const mechanism of mechanismsOf(location)) seen.add(mechanism);
  const used = [...seen].sort();
  const bases: LegalBasis[] = [];
  for (const law of [...laws].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    for (const mechanism of used) {
      const [first, ...rest] = dpvConcepts(law, mechanism).flatMap((concept) => dpvIri(concept) ?? []);
      if (first !== undefined) bases.push({ law: law.id, mechanism, dpv: [first, ...rest] });
    }
  }
  return bases;
}
