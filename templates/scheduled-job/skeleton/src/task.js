// The work of ${{ values.name }}, one run. `npm run once` runs it by hand.
export async function runTask() {
  console.log(JSON.stringify({ msg: 'working', at: new Date().toISOString() }));
}

if (import.meta.url === `file://${process.argv[1]}`) await runTask();
