export default async function globalTeardown(): Promise<void> {
  const started = (globalThis as { __quadrantContainers?: { stop(): Promise<unknown> }[] }).__quadrantContainers ?? [];
  await Promise.all(started.map((container) => container.stop()));
}
