import { InvalidSparkplugTopic } from '../errors';
import { formatTopic, parseTopic } from './topic';

const refused = (topic: string): string => {
  try {
    parseTopic(topic);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidSparkplugTopic);
    return (error as InvalidSparkplugTopic).problem;
  }
  throw new Error(`"${topic}" was accepted`);
};

describe('Sparkplug topics', () => {
  it.each(['NBIRTH', 'NDEATH', 'NDATA', 'NCMD'] as const)('reads an edge node %s', (type) => {
    expect(parseTopic(`spBv1.0/plant-a/${type}/line-1`)).toEqual({ type, groupId: 'plant-a', edgeNodeId: 'line-1' });
  });

  it.each(['DBIRTH', 'DDEATH', 'DDATA', 'DCMD'] as const)('reads a device %s', (type) => {
    expect(parseTopic(`spBv1.0/plant-a/${type}/line-1/press-1`)).toEqual({ type, groupId: 'plant-a', edgeNodeId: 'line-1', deviceId: 'press-1' });
  });

  it('reads a host application’s STATE', () => {
    expect(parseTopic('spBv1.0/STATE/quadrant')).toEqual({ type: 'STATE', hostId: 'quadrant' });
  });

  it('writes back what it reads', () => {
    for (const topic of ['spBv1.0/plant-a/NCMD/line-1', 'spBv1.0/plant-a/DDATA/line-1/press-1', 'spBv1.0/STATE/quadrant']) {
      expect(formatTopic(parseTopic(topic))).toBe(topic);
    }
  });

  describe('refuses, naming the problem,', () => {
    it.each([
      ['another namespace', 'spAv1.0/plant-a/NDATA/line-1', 'the namespace is "spAv1.0", expected "spBv1.0"'],
      ['an unknown message type', 'spBv1.0/plant-a/NFOO/line-1', 'unknown message type "NFOO"'],
      ['no message type', 'spBv1.0/plant-a', 'no message type'],
      ['a device message without a device', 'spBv1.0/plant-a/DDATA/line-1', 'DDATA is a device message and needs a device id'],
      ['a node message with a device', 'spBv1.0/plant-a/NDATA/line-1/press-1', 'NDATA is an edge node message and takes no device id'],
      ['an empty group', 'spBv1.0//NDATA/line-1', 'the group id is empty'],
      ['an empty edge node', 'spBv1.0/plant-a/NDATA/', 'the edge node id is empty'],
      ['an empty device', 'spBv1.0/plant-a/DDATA/line-1/', 'the device id is empty'],
      ['a wildcard', 'spBv1.0/plant-a/NDATA/+', 'the edge node id "+" contains a wildcard'],
      ['extra levels', 'spBv1.0/plant-a/DDATA/line-1/press-1/x', 'too many levels'],
      ['a STATE without host', 'spBv1.0/STATE', 'STATE needs a host id'],
      ['a STATE with extra levels', 'spBv1.0/STATE/quadrant/x', 'STATE takes one level after it'],
    ])('%s', (_case, topic, problem) => {
      expect(refused(topic)).toContain(problem);
    });
  });
});
