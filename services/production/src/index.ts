export { createProductionApp } from './create-production-app';
export { ProductionModule } from './production.module';
export { workSchedulerOptionsFromEnv } from './work-schedule/reschedule/work-scheduler-config';
