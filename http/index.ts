export { graphqlHandler, sendError, sendJson, type GraphQLHandlerOptions, type OperationRequest, type Rejection, type RequestHandler } from './graphqlHandler.ts';
export { listen, type Listening } from './listen.ts';
export { route, type Routes } from './routes.ts';
export { securityHeaders, securityHeaderValues, HTML_CONTENT_SECURITY_POLICY, API_CONTENT_SECURITY_POLICY, type SecurityHeaderOptions } from './securityHeaders.ts';
