/** DI token: the gateway's PostgreSQL schema (read models and the consumer's inbox), prefix included. */
export const GATEWAY_SCHEMA = Symbol('GatewaySchema');

export const GATEWAY_SCHEMA_NAME = 'gateway';
