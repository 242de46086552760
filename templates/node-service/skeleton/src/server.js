// ${{ values.name }}: ${{ values.description }}
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 8080);

const server = createServer((request, response) => {
  if (request.url === '/healthz') {
    response.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    return;
  }
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ service: '${{ values.name }}', path: request.url }));
});

server.listen(port, () => console.log(`${{ values.name }} listening on ${port}`));

// Kubernetes sends SIGTERM before it stops the pod: finish the requests in flight first.
process.on('SIGTERM', () => server.close(() => process.exit(0)));
