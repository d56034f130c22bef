/** Reads the application policy from a JSON file (`GOVGRAPH_APPLICATION_POLICY`), naming the file in every error. */
import { readFileSync } from 'node:fs';
import { createApplicationPolicy, type ApplicationPolicy, type ApplicationPolicyConfig } from './applicationPolicy.ts';

export function readApplicationPolicyFile(file: string): ApplicationPolicy {
  let config: ApplicationPolicyConfig;
  try {
    config = JSON.parse(readFileSync(file, 'utf8')) as ApplicationPolicyConfig;
  } catch (error) {
    throw new Error(`Application policy file ${file} cannot be read as JSON: ${(error as Error).message}`);
  }
  return createApplicationPolicy(config, file);
}
