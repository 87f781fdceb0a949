import type { Policy } from '../scripts/engine/policy.js';
import type { PolicyMeta } from '../scripts/diagnostics/policy-meta.js';
import { importRule } from '../scripts/importer/rules.js';
import { BUILTIN_POLICIES } from '../scripts/registry/rules.js';
import duplicateSubprocessor from './duplicate-subprocessor.js';
import invalidTransferMechanism from './invalid-transfer-mechanism.js';
import missingTransferMechanism from './missing-transfer-mechanism.js';
import newSubprocessorNotice from './new-subprocessor-notice.js';
import policyConfig from './policy-config.js';
import stalePolicyData from './stale-policy-data.js';
import unknownCountry from './unknown-country.js';
import vagueLocation from './vague-location.js';
import vendorRemoved from './vendor-removed.js';

/** Every policy, in the order they run and are documented. A meta-test holds this list, the files and the docs together. */
export const POLICIES: readonly Policy[] = [
  unknownCountry,
  missingTransferMechanism,
  invalidTransferMechanism,
  vendorRemoved,
  newSubprocessorNotice,
  vagueLocation,
  duplicateSubprocessor,
  stalePolicyData,
  policyConfig,
];

/** Checks built into the loader and the importer: same diagnostics, same docs, no check() of their own. */
export const BUILTIN: readonly PolicyMeta[] = [...BUILTIN_POLICIES, importRule];

export const KNOWN_POLICY_IDS: ReadonlySet<string> = new Set([...POLICIES, ...BUILTIN].map((p) => p.id));

/** Never waived, turned off or re-levelled: file checks, and the policy that checks waivers themselves. */
export const FIXED_POLICY_IDS: ReadonlySet<string> = new Set([...BUILTIN.map((p) => p.id), unknownCountry.id, policyConfig.id]);
