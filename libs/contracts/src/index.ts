export * from './catalog';
export * from './schemas';
export * from './cloud-events';
export * from './production/events';
export * from './production/work-definition-events';
export * from './production/job-order-events';
export * from './production/work-calendar-events';
export * from './production/work-schedule-events';
