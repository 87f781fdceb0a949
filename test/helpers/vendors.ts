import { vendorYaml } from './vendor-yaml.js';

/** A new vendor storing data in the US with no transfer mechanism; its location is on line 7. */
export const US_VENDOR_NO_MECHANISM = vendorYaml('acme-analytics', {
  name: 'Acme Analytics',
  category: 'others',
  tasks: ['Measures feature usage'],
  locations: [{ place: 'US' }],
  since: '2027-01-15',
});
