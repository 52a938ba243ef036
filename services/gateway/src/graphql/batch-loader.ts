/**
 * Collects the keys resolvers ask for during one turn of the event loop and fetches them with one query,
 * which is what turns "parent of each of 200 work units" into one SELECT. It caches nothing beyond the
 * batch: a subscription that lives for hours, or the next request, sees the projection as it is now.
 */
export class BatchLoader<K, V> {
  private batch: { keys: Set<K>; result: Promise<Map<K, V>> } | undefined;

  constructor(private readonly fetch: (keys: K[]) => Promise<Map<K, V>>) {}

  load(key: K): Promise<V | undefined> {
    const batch = this.batch ?? this.startBatch();
    batch.keys.add(key);
    return batch.result.then((values) => values.get(key));
  }

  private startBatch(): { keys: Set<K>; result: Promise<Map<K, V>> } {
    const keys = new Set<K>();
    // setImmediate runs after every pending promise job, so keys from sibling resolvers all get in.
    const result = new Promise<Map<K, V>>((resolve, reject) =>
      setImmediate(() => {
        this.batch = undefined;
        this.fetch([...keys]).then(resolve, reject);
      }),
    );
    const batch = { keys, result };
    this.batch = batch;
    return batch;
  }
}
