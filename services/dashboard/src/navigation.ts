/**
 * Navigation with the History API, no router: `navigate` pushes (or replaces) the address and tells the app;
 * the back and forward buttons do the same through `popstate`.
 */
const NAVIGATED = 'quadrant:navigated';

export function navigate(url: string, options: { replace?: boolean } = {}): void {
  if (url === currentUrl()) return;
  if (options.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new Event(NAVIGATED));
}

export function currentUrl(): string {
  return `${window.location.pathname}${window.location.search}`;
}

/** For useSyncExternalStore: called on every change of the address. */
export function onNavigation(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATED, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATED, listener);
  };
}
