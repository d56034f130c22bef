/**
 * The logger @apollo/gateway gets: govgraph's own, without the info lines that repeat what govgraph already says
 * ("Gateway successfully loaded schema. * Mode: unmanaged", "Updated Supergraph SDL was found [Composition ID …]"
 * next to "[gateway] supergraph reloaded from … (hash)"). Its warnings and errors, and every other line, pass.
 */
import type { GatewayLogger } from './options.ts';

const DUPLICATES = [/^Gateway successfully loaded schema\./, /^Updated Supergraph SDL was found/];

export function apolloGatewayLogger(logger: GatewayLogger): GatewayLogger {
  return {
    debug: (message) => logger.debug(message),
    info: (message) => {
      if (!DUPLICATES.some((pattern) => pattern.test(String(message)))) logger.info(message);
    },
    warn: (message) => logger.warn(message),
    error: (message) => logger.error(message),
  };
}
