import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { DASHBOARD_DIR, REPOSITORY_ROOT, StubGateway } from './stub-gateway';

const SCREENSHOTS = join(REPOSITORY_ROOT, 'test-output', 'screenshots');

export interface BrowserSession {
  readonly stub: StubGateway;
  /** This test's page: a fresh context (UTC, en-GB, no motion) for every test. */
  readonly page: Page;
  open(path: string): Promise<unknown>;
  testId(id: string): Locator;
  screenshot(name: string): Promise<unknown>;
}

/**
 * Registers, in the calling `describe`, what every browser test of the built dashboard needs: the stub
 * gateway, Debian's Chromium (headless), a new page per test, and screenshots under test-output/screenshots.
 */
export function browserSession(): BrowserSession {
  const stub = new StubGateway();
  let browser: Browser | undefined;
  let current: Page | undefined;

  beforeAll(async () => {
    if (!existsSync(join(DASHBOARD_DIR, 'index.html'))) {
      throw new Error(`${DASHBOARD_DIR} has no index.html: run \`npm run build\` (or \`npx vite build --config services/dashboard/vite.config.ts\`) first`);
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    await stub.start();
    browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    await stub.stop();
  });

  beforeEach(async () => {
    if (!browser) throw new Error('the browser did not start');
    const context = await browser.newContext({ viewport: { width: 1360, height: 1000 }, timezoneId: 'UTC', locale: 'en-GB', reducedMotion: 'reduce' });
    current = await context.newPage();
    current.on('pageerror', (error) => console.log(`page error: ${error.message}`));
  });

  afterEach(async () => {
    await current?.context().close();
  });

  const session: BrowserSession = {
    stub,
    get page(): Page {
      if (!current) throw new Error('no page outside a test');
      return current;
    },
    open: (path) => session.page.goto(`${stub.url}${path}`),
    testId: (id) => session.page.getByTestId(id),
    screenshot: (name) => session.page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true }),
  };
  return session;
}
