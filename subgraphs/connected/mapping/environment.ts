/**
 * `${NAME}` in a mapping's connection settings is read from the environment at start, so a password or a host
 * never has to sit in the committed mapping file. A variable that is not set stops the start, naming the entry.
 */
import { MappingError } from './validateMapping.ts';

export function substituteEnvironment(value: string, entry: string, file: string, env: NodeJS.ProcessEnv): string {
  return value.replace(/\$\{([A-Z_][A-Z0-9_]*)\}/g, (_match, name: string) => {
    const found = env[name];
    if (found === undefined || found === '') throw new MappingError(file, [`${entry}: the environment variable ${name} is not set; set it to the value it stands for`]);
    return found;
  });
}
