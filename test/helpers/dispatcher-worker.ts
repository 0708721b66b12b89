// One dispatcher process for the multi-process fault test: its own pool on DATABASE_URL, the real
// senders (Slack at SLACK_API_URL; Teams at each recipient's serviceUrl), system time. Runs until killed.
import { setTimeout as sleep } from 'node:timers/promises';
import { silentLogger } from '../../src/log.ts';
import { systemClock } from '../../src/ports/clock.ts';
import { Dispatcher } from '../../src/scheduler/dispatcher.ts';
import { openStore } from '../../src/storage/open-store.ts';
import { platformSenders } from './delivery-rig.ts';

const store = await openStore({ dataDir: '', databaseUrl: process.env.DATABASE_URL });
const d = new Dispatcher({
  store,
  clock: systemClock,
  senders: platformSenders(process.env.SLACK_API_URL ?? ''),
  log: silentLogger,
  leaseMs: 1500,
  spacingMs: 100,
  batchSize: 10,
});
for (;;) {
  await d.runDue();
  await sleep(20);
}
