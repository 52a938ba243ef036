import { nodeKey, type NodeSession, type SessionState } from './session-state';
import type { EdgeTopic } from '../topic/topic';
import type { HostAction, RebirthReason, SparkplugMessage, TrackResult } from './signals';

/** While a node stays stale, ask it again for a rebirth at most this often (the NCMD may have been lost). */
export const REBIRTH_RETRY_MS = 5000;

const UNBORN: NodeSession = { status: 'unborn', bdSeq: null, lastSeq: 0, aliases: new Map(), devices: new Map(), rebirthRequestedAt: null };

/** The seq rules for every message after NBIRTH: the advanced session, or the result of refusing it. */
export function sequenced(state: SessionState, message: SparkplugMessage): NodeSession | TrackResult {
  const { topic, payload } = message;
  const session = state.nodes.get(nodeKey(topic.groupId, topic.edgeNodeId)) ?? UNBORN;
  if (session.status !== 'online') return stale(state, message, session, 'DATA_BEFORE_BIRTH', `${topic.type} while the edge node is ${session.status}`);
  if (payload.seq === session.lastSeq) return { state, signals: [], actions: [] };
  const expected = (session.lastSeq + 1) % 256;
  if (payload.seq !== expected) return stale(state, message, session, 'SEQ_GAP', `${topic.type} seq ${payload.seq ?? 'missing'}, expected ${expected}`);
  return { ...session, lastSeq: expected };
}

/** The node's data is untrusted until its NBIRTH; ask for one unless asked a moment ago. */
export function stale(state: SessionState, message: SparkplugMessage, session: NodeSession, reason: RebirthReason, detail: string): TrackResult {
  const { topic } = message;
  const now = Date.parse(message.receivedAt);
  const askedRecently = session.status !== 'online' && session.rebirthRequestedAt !== null && now - session.rebirthRequestedAt < REBIRTH_RETRY_MS;
  const status = session.status === 'unborn' ? 'unborn' : 'stale';
  const next = withNode(state, topic, { ...session, status, rebirthRequestedAt: askedRecently ? session.rebirthRequestedAt : now });
  const actions: HostAction[] = askedRecently ? [] : [{ type: 'rebirth', groupId: topic.groupId, edgeNodeId: topic.edgeNodeId, reason, detail }];
  return { state: next, signals: [], actions };
}

export const withNode = (state: SessionState, topic: EdgeTopic, session: NodeSession): SessionState => ({
  ...state,
  nodes: new Map(state.nodes).set(nodeKey(topic.groupId, topic.edgeNodeId), session),
});
