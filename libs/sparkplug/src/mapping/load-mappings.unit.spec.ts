import { InvalidSparkplugMapping } from '../errors';
import { loadMappings } from './load-mappings';

const press = {
  groupId: 'plant-a',
  edgeNodeId: 'line-1',
  deviceId: 'press-1',
  workUnitId: 'press-1',
  state: { metric: 'State', values: { '1': { state: 'Running' }, '3': { state: 'Down', reasonCode: 'FAULT' } } },
  goodCount: { metric: 'Good', mode: 'cumulative' },
};
const cell = { groupId: 'plant-a', edgeNodeId: 'line-1', workUnitId: 'cell-1', scrapCount: { metric: 'Scrap', mode: 'delta' } };

/** The problems of a refused configuration, as { field: message }. */
const problemsOf = (input: unknown): Record<string, string> => {
  try {
    loadMappings(input);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidSparkplugMapping);
    return Object.fromEntries((error as InvalidSparkplugMapping).problems.map(({ field, message }) => [field, message]));
  }
  throw new Error('the configuration was accepted');
};

describe('Sparkplug mapping configuration', () => {
  it('indexes work units by the edge node or device that feeds them', () => {
    const mappings = loadMappings([press, cell]);
    expect(mappings.forSource('plant-a', 'line-1', 'press-1').map((mapping) => mapping.workUnitId)).toEqual(['press-1']);
    expect(mappings.forSource('plant-a', 'line-1').map((mapping) => mapping.workUnitId)).toEqual(['cell-1']);
    expect(mappings.forNode('plant-a', 'line-1').map((mapping) => mapping.workUnitId)).toEqual(['press-1', 'cell-1']);
    expect(mappings.forNode('plant-a', 'line-2')).toEqual([]);
  });

  it('refuses anything but an array', () => {
    expect(problemsOf({ press })).toEqual({ mappings: 'must be an array of mappings' });
  });

  it('names every bad field at once', () => {
    expect(
      problemsOf([
        { ...press, workUnitId: '', goodcount: {} },
        { ...press, workUnitId: 'press-2', state: { metric: 'State', values: { '1': { state: 'Running' }, '2': { state: 'Stopped' } } }, goodCount: { metric: 'Good', mode: 'total' } },
      ]),
    ).toEqual({
      'mappings[0].workUnitId': 'must be a non-empty string',
      'mappings[0].goodcount': expect.stringContaining('unknown field'),
      'mappings[1].state.values.2.state': 'must be one of Running, Idle, Setup, Down, PlannedDowntime',
      'mappings[1].goodCount.mode': 'must be one of cumulative, delta',
    });
  });

  it('refuses a Down without a reason code or a reason metric, since Quadrant would refuse every such stop', () => {
    expect(problemsOf([{ ...press, state: { metric: 'State', values: { '3': { state: 'Down' } } } }])).toEqual({
      'mappings[0].state.values.3.reasonCode': expect.stringContaining('needs a reasonCode'),
    });
    expect(() => loadMappings([{ ...press, state: { metric: 'State', values: { '3': { state: 'Down' } }, reasonMetric: 'StopReason' } }])).not.toThrow();
  });

  it('refuses a mapping that maps nothing', () => {
    expect(problemsOf([{ groupId: 'plant-a', edgeNodeId: 'line-1', workUnitId: 'idle-1' }])).toEqual({ 'mappings[0]': expect.stringContaining('maps nothing') });
  });

  it('refuses ids that cannot be topic levels', () => {
    expect(problemsOf([{ ...cell, groupId: 'plant/a', edgeNodeId: 'line-#' }])).toEqual({
      'mappings[0].groupId': expect.stringContaining('cannot be a Sparkplug topic level'),
      'mappings[0].edgeNodeId': expect.stringContaining('cannot be a Sparkplug topic level'),
    });
  });

  it('refuses one work unit fed from two places', () => {
    expect(problemsOf([press, { ...cell, workUnitId: 'press-1' }])).toEqual({ 'mappings[1].workUnitId': '"press-1" is already mapped by mappings[0]' });
  });
});
