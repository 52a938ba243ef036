import { createReadStream, existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { repositoryRoot, type ServiceRuntime } from '@quadrant/platform';
import { GatewayModule, type GatewayOptions } from './gateway.module';

/**
 * The gateway as a Nest application, not yet listening. `init()` (or `listen()`) migrates the read models
 * and subscribes the projections' consumer before any request is served. It also serves the KPI dashboard
 * (services/dashboard, built into dist/services/dashboard by `npm run build`) at `/`.
 */
export async function createGatewayApp(
  runtime: ServiceRuntime,
  options: GatewayOptions & { logger?: LoggerService | LogLevel[] | false },
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.register(runtime, { productionUrl: options.productionUrl }), {
    logger: options.logger ?? ['log', 'warn', 'error'],
  });
  serveDashboard(app, dashboardDir());
  return app;
}

function dashboardDir(): string {
  return join(repositoryRoot(), 'dist', 'services', 'dashboard');
}

/** Paths the dashboard never answers: the API's. */
const API_PATHS = ['/graphql', '/health'];

/**
 * The dashboard's files, and its index.html for any other GET of a page (`/`, `/scope/lyon`: the app reads
 * the view from the URL), never for the API's paths nor for a missing file (`/assets/x.js` stays a 404).
 * Without a built dashboard, pages answer 503 and say how to build it. Registered before the routes, so
 * it checks the path itself rather than relying on route order.
 */
function serveDashboard(app: NestExpressApplication, dir: string): void {
  // Hashed file names under assets/ never change: cache them for good; index.html is always revalidated.
  app.useStaticAssets(dir, {
    index: false,
    setHeaders: (response: ServerResponse, path: string) => {
      response.setHeader('cache-control', path.includes(`${join(dir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const index = join(dir, 'index.html');
  app.use((request: IncomingMessage, response: ServerResponse, next: () => void) => {
    if (!isPageRequest(request)) return next();
    if (!existsSync(index)) {
      response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      response.end('The dashboard is not built: run `npm run build` (or `npx vite build --config services/dashboard/vite.config.ts`).\n');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    createReadStream(index)
      .on('error', () => response.destroy())
      .pipe(response);
  });
}

function isPageRequest(request: IncomingMessage): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  if (API_PATHS.some((api) => path === api || path.startsWith(`${api}/`))) return false;
  if (path === '/') return true;
  // A file that is not there (the static middleware passed it on) is a 404, not the app.
  if (extname(path) !== '') return false;
  return (request.headers.accept ?? '').includes('text/html');
}
