export * from './catalog';
export * from './schemas';
export * from './cloud-events';
export * from './production/events';
