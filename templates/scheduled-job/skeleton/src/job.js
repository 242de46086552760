// ${{ values.name }}: runs src/task.js on the schedule in SCHEDULE (cron, UTC).
// Slipway deploys it as a long-running worker; the process keeps the schedule itself, so a
// run that overlaps the next one is skipped rather than started twice.
import { Cron } from 'croner';
import { runTask } from './task.js';

const schedule = process.env.SCHEDULE ?? '${{ values.schedule }}';

const job = new Cron(schedule, { timezone: 'UTC', protect: true }, async () => {
  const started = Date.now();
  try {
    await runTask();
    console.log(JSON.stringify({ msg: 'run succeeded', ms: Date.now() - started }));
  } catch (error) {
    console.error(JSON.stringify({ msg: 'run failed', error: String(error) }));
  }
});

console.log(JSON.stringify({ msg: 'scheduled', schedule, next: job.nextRun()?.toISOString() }));
process.on('SIGTERM', () => {
  job.stop();
  process.exit(0);
});
