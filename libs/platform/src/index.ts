export * from './http-errors';
export * from './runtime';
export * from './request-context';
export * from './run-service';
export * from './service-process';
