export {
  BUILT_IN_SETTINGS,
  DEFAULT_RATE_LIMIT,
  createApplicationPolicy,
  type ApplicationPolicy,
  type ApplicationPolicyConfig,
  type ApplicationSettings,
  type ApplicationSettingsOverride,
  type RateLimit,
} from './applicationPolicy.ts';
export { readApplicationPolicyFile } from './readApplicationPolicyFile.ts';
