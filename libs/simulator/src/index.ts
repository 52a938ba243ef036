export type { MachineMessage, StateMessage, CountMessage, SimulatedState, Sink } from './model/machine-message';
export { SimulationInputError } from './model/machine-message';
export { createPlantSimulation, simulate, type PlantSimulation, type SimulationOptions } from './model/plant-simulation';
export type {
  PlantConfig,
  WorkUnitConfig,
  ShiftCalendar,
  ShiftConfig,
  Weekday,
  BreakdownConfig,
  MicroStopConfig,
  SetupConfig,
} from './plant-config/plant-config';
export { validatePlantConfig } from './plant-config/validate-plant-config';
export { PlantConfigError, type ConfigProblem } from './plant-config/config-checks';
export { demoPlantConfig, DEMO_CALENDAR } from './plant-config/demo-plant-config';
export type { Distribution } from './random/distributions';
export { mulberry32, deriveSeed, type RandomStream } from './random/prng';
export {
  createHttpSink,
  HttpSinkError,
  MAX_BATCH_SIZE,
  DEFAULT_STATES_PATH,
  DEFAULT_COUNTS_PATH,
  type FetchLike,
  type HttpSinkOptions,
  type HttpSinkErrorCode,
  type Refusal,
} from './drivers/http-sink';
export { runRealtime, systemClock, type Clock, type RealtimeOptions, type RealtimeRun } from './drivers/realtime-runner';
export {
  createSparkplugSink,
  sparkplugLayout,
  sparkplugMappingsFor,
  SIMULATOR_METRICS,
  SIMULATOR_STATE_CODES,
  type SparkplugDevice,
  type SparkplugSink,
  type SparkplugSinkOptions,
} from './drivers/sparkplug-sink';
