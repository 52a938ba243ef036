import type { Page } from 'playwright-core';

// Playwright's web-first assertions, without @playwright/test: poll until the locator meets the expectation.
type Locator = ReturnType<Page['getByTestId']>;

interface LocatorAssertions {
  toHaveCount(count: number): Promise<void>;
  toContainText(text: string): Promise<void>;
  toHaveTexts(texts: string[]): Promise<void>;
  toHaveAttribute(name: string, value: string, options?: { timeout?: number }): Promise<void>;
}

export function eventually(locator: Locator): LocatorAssertions {
  const until = async (what: string, check: () => Promise<{ ok: boolean; seen: string }>, timeout = 15_000): Promise<void> => {
    const deadline = Date.now() + timeout;
    let seen = '';
    while (Date.now() < deadline) {
      const result = await check().catch((error: unknown) => ({ ok: false, seen: String(error) }));
      if (result.ok) return;
      seen = result.seen;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${locator.toString()}: expected ${what}, saw ${seen}`);
  };
  return {
    toHaveCount: (count) =>
      until(`${count} element(s)`, async () => {
        const seen = await locator.count();
        return { ok: seen === count, seen: String(seen) };
      }),
    toContainText: (text) =>
      until(`text containing "${text}"`, async () => {
        const seen = (await locator.allInnerTexts()).join(' | ');
        return { ok: seen.includes(text), seen: JSON.stringify(seen) };
      }),
    toHaveTexts: (texts) =>
      until(`texts ${JSON.stringify(texts)}`, async () => {
        const seen = await locator.allInnerTexts();
        return { ok: JSON.stringify(seen) === JSON.stringify(texts), seen: JSON.stringify(seen) };
      }),
    toHaveAttribute: (name, value, options) =>
      until(
        `${name}="${value}"`,
        async () => {
          const seen = (await locator.count()) === 1 ? await locator.getAttribute(name) : null;
          return { ok: seen === value, seen: String(seen) };
        },
        options?.timeout,
      ),
  };
}
