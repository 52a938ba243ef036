import '@quadrant/platform/production-mode';
import 'reflect-metadata';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDatabase } from '@quadrant/database';
import { createGatewayApp } from '@quadrant/gateway';
import { InProcessTransport } from '@quadrant/messaging';
import { portFromEnv } from '@quadrant/platform';
import { createProductionApp, workSchedulerOptionsFromEnv } from '@quadrant/production';
import { createHttpSink, createPlantSimulation, DEMO_CALENDAR, demoPlantConfig, runRealtime, type PlantConfig, type RealtimeRun } from '@quadrant/simulator';
import { DemoDispatcher } from './demo-dispatcher';
import { demoPlant, demoWork, seedDemoPlant } from './demo-plant';

/**
 * Embedded mode (`npm start`): every service and the gateway in this one process, on PGlite (PostgreSQL
 * in WebAssembly, data under QUADRANT_DATA_DIR) and the in-process transport instead of Kafka. No
 * servers to install, no Docker.
 */
async function main(): Promise<void> {
  const dataDir = resolve(process.env['QUADRANT_DATA_DIR'] ?? '.data/embedded');
  mkdirSync(dataDir, { recursive: true });
  const releaseLock = lockDataDir(dataDir);
  const port = portFromEnv(4000);
  const productionPort = Number(process.env['PRODUCTION_PORT'] ?? port + 1);
  const host = process.env['HOST'] ?? '127.0.0.1';

  console.log(`Quadrant embedded: data in ${dataDir}`);
  const db = await openDatabase(`pglite:${join(dataDir, 'pgdata')}`);
  const transport = new InProcessTransport();
  const runtime = { db, transport };
  const productionUrl = `http://127.0.0.1:${productionPort}`;
  const logger = ['warn', 'error'] as ('warn' | 'error')[];

  // The gateway's consumers subscribe first: the in-process transport keeps no log for late joiners.
  const gateway = await createGatewayApp(runtime, { productionUrl, logger });
  await gateway.init();
  const production = await createProductionApp(runtime, { logger, workScheduler: workSchedulerOptionsFromEnv() });
  await production.listen(productionPort, '127.0.0.1');
  await gateway.listen(port, host);

  let stopping = false;
  let simulator: RealtimeRun | undefined;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Quadrant`);
    await simulator?.stop();
    await production.close();
    await gateway.close();
    await transport.close();
    await db.close();
    releaseLock();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  const plantConfig = demoSimulation();
  try {
    const cycleTimes = new Map(plantConfig.workUnits.map((unit) => [unit.workUnitId, unit.idealCycleTimeSeconds]));
    const realTime = process.env['QUADRANT_SIMULATOR'] !== 'off' && Number(process.env['QUADRANT_SIMULATOR_SPEED'] ?? 1) === 1;
    if (await seedDemoPlant(productionUrl, new Date(), (unit) => cycleTimes.get(unit) ?? 60, { withCalendars: realTime })) {
      console.log('Seeded the demo plant (ACME Components: Lyon and Austin sites).');
    }
  } catch (error) {
    // The platform is up; a demo plant that could not be completed is worth a line, not a stop. Cut short by
    // Ctrl-C, it is no news: its steps carry idempotency keys, and the next start completes it.
    if (!stopping) console.warn(`The demo plant could not be seeded completely: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (process.env['QUADRANT_SIMULATOR'] !== 'off' && !stopping) {
    simulator = await startSimulator(productionUrl, plantConfig);
    console.log('The plant simulator drives the demo work units through the production API (QUADRANT_SIMULATOR=off turns it off).');
  }
  if (stopping) return;
  const shown = host === '0.0.0.0' || host === '127.0.0.1' ? 'localhost' : host;
  console.log(`Quadrant is running. GraphQL: http://${shown}:${port}/graphql   Production API: ${productionUrl}`);
  console.log('Ctrl-C stops it; the data stays for the next start.');
}

/** The demo plant's machines: two shifts every day of the week (the library's demo calendar rests at weekends), so a demo is alive whenever it is opened. */
function demoSimulation(): PlantConfig {
  const workUnits = demoPlant.filter((element) => element.level === 'WorkUnit').map((element) => element.equipmentId);
  return { ...demoPlantConfig(workUnits), calendar: { shifts: DEMO_CALENDAR.shifts } };
}

/**
 * The demo plant comes alive: the simulator (deterministic from QUADRANT_SIMULATOR_SEED) sends its work
 * units' state changes and counts through production's machine-data endpoints in real time, like a line's
 * gateway would; a demo dispatcher runs each line's job orders one after another (starts their segments
 * whenever their units can take them, completes them once made), keeping a few released behind for the
 * work scheduler. The simulator's counts land on the running ones.
 */
async function startSimulator(productionUrl: string, config: PlantConfig): Promise<RealtimeRun> {
  const cycleTimes = new Map(config.workUnits.map((unit) => [unit.workUnitId, unit.idealCycleTimeSeconds]));
  const operator = new DemoDispatcher(productionUrl, demoWork((unit) => cycleTimes.get(unit) ?? 60));
  const simulation = createPlantSimulation(config, { seed: Number(process.env['QUADRANT_SIMULATOR_SEED'] ?? 42), start: new Date().toISOString() });
  const dispatch = (): Promise<unknown> => operator.tick().catch((error: unknown) => console.warn(`demo dispatcher: ${error instanceof Error ? error.message : String(error)}`));
  await dispatch();
  const dispatcher = setInterval(() => void dispatch(), 15_000);
  let refusals = 0;
  const run = runRealtime({
    simulation,
    speed: Number(process.env['QUADRANT_SIMULATOR_SPEED'] ?? 1),
    sink: createHttpSink({
      baseUrl: productionUrl,
      headers: { 'x-quadrant-actor': 'plant-simulator' },
      // A state newer than the simulator's (set by hand), or counts while no job order runs: one line, not one per message.
      onRefused: (refused) => {
        if (refusals === 0 && refused.length > 0) console.warn(`Some simulator messages are refused (first: ${JSON.stringify(refused[0])}); it carries on.`);
        refusals += refused.length;
      },
    }),
    onError: (error) => console.warn(`plant simulator: ${error instanceof Error ? error.message : String(error)}`),
  });
  return {
    ...run,
    stop: async () => {
      clearInterval(dispatcher);
      await run.stop();
    },
  };
}

/** PGlite's files take one process at a time; a second start on the same directory is refused plainly. */
function lockDataDir(dataDir: string): () => void {
  const lockFile = join(dataDir, 'quadrant.pid');
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, 'utf8'));
    if (pid && isAlive(pid)) throw new Error(`${dataDir} is in use by Quadrant process ${pid}; stop it first or set QUADRANT_DATA_DIR`);
  }
  const fd = openSync(lockFile, 'w');
  writeFileSync(fd, String(process.pid));
  closeSync(fd);
  return () => rmSync(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

main().catch((error: unknown) => {
  console.error(`Quadrant could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
