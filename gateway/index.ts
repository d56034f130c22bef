/** The govgraph gateway: start one with `startGateway(options)`. */
export { startGateway, type RunningGateway } from './server.ts';
export { DEFAULT_GATEWAY_PORT, DEFAULT_SUPERGRAPH, resolveGatewayOptions, type GatewayLogger, type GatewayOptions } from './options.ts';
export { hashSupergraph } from './supergraph/supergraphSource.ts';
