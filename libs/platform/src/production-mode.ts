/**
 * Imported first by every entry point (`main.ts` of each service, the embedded launcher, the benchmarks):
 * a process started without NODE_ENV runs in production mode. graphql-js reads it once, when it is loaded,
 * and outside production checks every type test of every field it resolves for a second copy of itself,
 * a fifth of the time of a large answer. Tests set NODE_ENV=test (Jest) and keep those checks.
 */
process.env['NODE_ENV'] ??= 'production';

export {};
