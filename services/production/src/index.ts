export { createProductionApp } from './create-production-app';
export { ProductionModule } from './production.module';
