import '@quadrant/platform/production-mode';
import 'reflect-metadata';
import { runService } from '@quadrant/platform';
import { createProductionApp } from './create-production-app';
import { sparkplugConfigFromEnv } from './machine-data/sparkplug-config';
import { workSchedulerOptionsFromEnv } from './work-schedule/reschedule/work-scheduler-config';

/** Full mode: the production service as its own process, on PostgreSQL (DATABASE_URL) and Kafka (KAFKA_BROKERS); MQTT Sparkplug B when configured. */
void runService('production', 4001, (runtime) => {
  const sparkplug = sparkplugConfigFromEnv();
  return createProductionApp(runtime, { ...(sparkplug ? { sparkplug } : {}), workScheduler: workSchedulerOptionsFromEnv() });
});
