import { QuadrantError } from '@quadrant/event-sourcing';

/** A topic outside the Sparkplug B namespace, or one that breaks its shape. */
export class InvalidSparkplugTopic extends QuadrantError {
  readonly code = 'SPARKPLUG_INVALID_TOPIC';
  constructor(readonly topic: string, readonly problem: string) {
    super(`not a Sparkplug B topic "${topic}": ${problem}`, { topic, problem });
  }
}

/** Bytes that are not a Sparkplug B payload (or carry a field out of its range). */
export class MalformedSparkplugPayload extends QuadrantError {
  readonly code = 'SPARKPLUG_MALFORMED_PAYLOAD';
  constructor(readonly problem: string) {
    super(`malformed Sparkplug B payload: ${problem}`, { problem });
  }
}

/** A payload we were asked to send that the wire format cannot carry. */
export class UnencodableSparkplugPayload extends QuadrantError {
  readonly code = 'SPARKPLUG_UNENCODABLE_PAYLOAD';
  constructor(readonly problem: string) {
    super(`cannot encode Sparkplug B payload: ${problem}`, { problem });
  }
}

/** The metric → work unit configuration, refused at load with every problem named by its field. */
export class InvalidSparkplugMapping extends QuadrantError {
  readonly code = 'SPARKPLUG_INVALID_MAPPING';
  constructor(readonly problems: readonly { field: string; message: string }[]) {
    super(`invalid Sparkplug mapping: ${problems.map((problem) => `${problem.field}: ${problem.message}`).join('; ')}`, { problems });
  }
}

export class SparkplugProtoNotFound extends QuadrantError {
  readonly code = 'SPARKPLUG_PROTO_NOT_FOUND';
  constructor(readonly from: string) {
    super(`no schemas/sparkplug/sparkplug_b.proto above ${from}; set QUADRANT_SCHEMAS_DIR to the schemas folder`, { from });
  }
}

export class MqttBrokerUnavailable extends QuadrantError {
  readonly code = 'MQTT_BROKER_UNAVAILABLE';
  constructor(readonly url: string, readonly reason: string) {
    super(`MQTT broker at ${url} refused or did not answer: ${reason}`, { url, reason });
  }
}

/** A host or edge node used out of turn: started twice, or publishing while not connected. */
export class SparkplugClientNotReady extends QuadrantError {
  readonly code = 'SPARKPLUG_CLIENT_NOT_READY';
  constructor(readonly client: string, readonly problem: string) {
    super(`${client}: ${problem}`, { client, problem });
  }
}
