export * from './transport';
export { KafkaTransport, type KafkaTransportOptions } from './kafka/kafka-transport';
export { installKafkajsRecordCodec } from './kafka/kafkajs-record-codec';
export { InProcessTransport } from './in-process/in-process-transport';
export * from './relay/event-relay';
export * from './inbox/inbox-consumer';
export { inboxMigrations } from './inbox/inbox-migrations';
