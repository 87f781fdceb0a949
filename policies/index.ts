import type { Policy } from '../scripts/engine/policy.js';
import duplicateSubprocessor from './duplicate-subprocessor.js';
import invalidTransferMechanism from './invalid-transfer-mechanism.js';
import missingTransferMechanism from './missing-transfer-mechanism.js';
import newSubprocessorNotice from './new-subprocessor-notice.js';
import policyConfig from './policy-config.js';
import scopeConsistency from './scope-consistency.js';
import specialCategoryTransfer from './special-category-transfer.js';
import stalePolicyData from './stale-policy-data.js';
import unknownCountry from './unknown-country.js';
import userScopeTransfer from './user-scope-transfer.js';
import vagueLocation from './vague-location.js';
import vendorRemoved from './vendor-removed.js';

/** Every policy, in the order they run and are documented. A meta-test holds this list, the files and the docs together. */
export const POLICIES: readonly Policy[] = [
  unknownCountry,
  missingTransferMechanism,
  invalidTransferMechanism,
  userScopeTransfer,
  specialCategoryTransfer,
  vendorRemoved,
  newSubprocessorNotice,
  vagueLocation,
  scopeConsistency,
  duplicateSubprocessor,
  stalePolicyData,
  policyConfig,
];
