// ${{ values.name }}: runs src/task.js on the schedule in SCHEDULE (cron, UTC), for running the
// job on your machine (`npm start`). Slipway deploys it as a Kubernetes CronJob instead, which
// starts `node src/task.js` once per run (see score.yaml); this file is not used there.
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
