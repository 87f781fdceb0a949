import type { PolicyMeta } from '../diagnostics/policy-meta.js';

/**
 * The metadata of the unknown-country policy. It lives with the place vocabulary because two layers report under
 * it: the loader, for a place value that is not a code at all (a country name, lower case), and the policy, for a
 * code that is no country. policies/unknown-country.ts adds the check; the loader needs no policy to word its part.
 */
export const UNKNOWN_COUNTRY = {
  id: 'unknown-country',
  severity: 'error',
  description: 'A place or user scope is neither an ISO 3166-1 alpha-2 country code nor a known region.',
  messages: {
    unknown: '{{code}} is not an ISO 3166-1 alpha-2 country code nor a region (EEA, EU, EUROPE, NORTH_AMERICA, WORLD)',
    'eu-code': "{{code}} is the EU's code, not the ISO code; write {{iso}}",
    'controller-country': "the controller's country {{code}} is not an ISO 3166-1 alpha-2 country code",
    'not-a-code':
      '{{field}} is {{value}}, which is not a place code: write an ISO 3166-1 alpha-2 country code in capitals (FR, US, GB) or a region (EEA, EU, EUROPE, NORTH_AMERICA, WORLD)',
    'not-a-code-suggest': '{{field}} is {{value}}, which is not a place code; did you mean "{{suggestion}}"?',
  },
  hints: {
    unknown: 'Look the country up in policies/data/countries.json.',
    'eu-code': 'Replace {{code}} with {{iso}}.',
    'controller-country': "Write the country of the controller's main establishment, such as FR.",
    'not-a-code': 'Look the country up in policies/data/countries.json.',
    'not-a-code-suggest': 'Replace it with "{{suggestion}}".',
  },
} as const satisfies PolicyMeta;
