import { BatchLoader } from './batch-loader';

describe('BatchLoader', () => {
  it('fetches the keys sibling resolvers ask for in one call, each key once', async () => {
    const calls: string[][] = [];
    const loader = new BatchLoader(async (keys: string[]) => {
      calls.push(keys);
      return new Map(keys.map((key) => [key, key.toUpperCase()]));
    });
    // Resolvers run through a few promise hops before they ask: those still land in the same batch.
    const asked = ['a', 'b', 'a', 'c'].map(async (key, hops) => {
      for (let i = 0; i < hops; i++) await Promise.resolve();
      return loader.load(key);
    });
    expect(await Promise.all(asked)).toEqual(['A', 'B', 'A', 'C']);
    expect(calls).toEqual([['a', 'b', 'c']]);
  });

  it('answers undefined for a key the fetch did not find', async () => {
    const loader = new BatchLoader(async () => new Map<string, string>());
    expect(await loader.load('missing')).toBeUndefined();
  });

  it('keeps nothing between batches, so a later read sees newer data', async () => {
    let version = 1;
    const loader = new BatchLoader(async (keys: string[]) => new Map(keys.map((key) => [key, version])));
    expect(await loader.load('x')).toBe(1);
    version = 2;
    expect(await loader.load('x')).toBe(2);
  });

  it('fails every waiter of a batch whose fetch fails', async () => {
    const loader = new BatchLoader<string, string>(async () => {
      throw new Error('database down');
    });
    await expect(Promise.all([loader.load('a'), loader.load('b')])).rejects.toThrow('database down');
  });
});
