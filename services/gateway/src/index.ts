export { createGatewayApp } from './create-gateway-app';
export { GatewayModule, type GatewayOptions } from './gateway.module';
export { KpiDayRollups } from './projections/kpi-elements/kpi-day-rollup-builds';
