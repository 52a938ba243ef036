export { createGatewayApp } from './create-gateway-app';
export { GatewayModule, type GatewayOptions } from './gateway.module';
