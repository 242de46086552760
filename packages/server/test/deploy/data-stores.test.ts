/**
 * A workload written for score-k8s's default provisioners — MySQL, MongoDB, RabbitMQ, SQL
 * Server, a Kafka topic, Elasticsearch, an S3 bucket and PostgreSQL's `database` — deployed through the API
 * onto the local cluster with the built-ins alone: Healthy, a server of each kind Ready, and
 * the container's variables read from the outputs score-k8s names (secret ones from a Secret).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { useTestNamespace } from '../harness/cluster.ts';
import { useDeployApp } from '../harness/deploy-app.ts';

const score = `
apiVersion: score.dev/v1b1
metadata:
  name: orders
containers:
  main:
    image: nginx:1.27
    variables:
      MYSQL_DSN: "\${resources.my.username}:\${resources.my.password}@tcp(\${resources.my.host}:\${resources.my.port})/\${resources.my.database}"
      MONGO_URL: \${resources.docs.connection}
      AMQP_HOST: \${resources.queue.host}
      AMQP_VHOST: \${resources.queue.vhost}
      MSSQL_SERVER: \${resources.ledger.server}
      MSSQL_CONNECTION: \${resources.ledger.connection}
      KAFKA_BROKER: \${resources.events.host}:\${resources.events.port}
      KAFKA_TOPIC: \${resources.events.name}
      SEARCH_URL: \${resources.search.url}
      PG_DATABASE: \${resources.pg.database}
      S3_ENDPOINT: \${resources.files.endpoint}
      S3_BUCKET: \${resources.files.bucket}
      AWS_SECRET_ACCESS_KEY: \${resources.files.aws_secret_key}
resources:
  my:
    type: mysql
  docs:
    type: mongodb
  queue:
    type: amqp
  ledger:
    type: mssql
  events:
    type: kafka-topic
  search:
    type: elasticsearch
  pg:
    type: postgres
  files:
    type: s3
`;

describe("a workload using score-k8s's data stores, on the built-ins alone", () => {
  const ns = useTestNamespace('stores');
  const { api, settle } = useDeployApp(ns.kc);
  let release: { status: string; message: string };

  before(async () => {
    const env = await api('PUT', '/environments/dev', { type: 'development', namespace: ns.namespace() });
    assert.equal(env.statusCode, 200, env.body);
    const res = await api('POST', '/deploys', { environment: 'dev', workload: score });
    assert.equal(res.statusCode, 202, res.body);
    release = await settle(res.json().release.id, 180_000);
  });

  it('deploys Healthy with a Ready server for each resource', async () => {
    assert.equal(release.status, 'healthy', release.message);
    const sets = await ns.kc().makeApiClient(AppsV1Api).listNamespacedStatefulSet({ namespace: ns.namespace() });
    assert.deepEqual(
      sets.items.map((s) => [s.metadata?.labels?.['app.kubernetes.io/name'], s.status?.readyReplicas]).sort(),
      [
        ['elasticsearch', 1],
        ['kafka', 1],
        ['minio', 1],
        ['mongodb', 1],
        ['mssql', 1],
        ['mysql', 1],
        ['postgres', 1],
        ['rabbitmq', 1],
      ],
    );
  });

  it("gives the container score-k8s's outputs; credentials come from Secrets", async () => {
    const core = ns.kc().makeApiClient(CoreV1Api);
    const configs = await core.listNamespacedConfigMap({ namespace: ns.namespace() });
    const plain: Record<string, string> = Object.assign({}, ...configs.items.map((c) => c.data ?? {}));
    const variable = (name: string) => plain[`env.main.${name}`];
    assert.equal(variable('AMQP_HOST'), 'orders-queue-rabbitmq');
    assert.equal(variable('AMQP_VHOST'), '/');
    assert.equal(variable('MSSQL_SERVER'), 'orders-ledger-mssql');
    assert.equal(variable('KAFKA_BROKER'), 'orders-events-kafka:9092');
    assert.equal(variable('KAFKA_TOPIC'), 'orders-events');
    assert.equal(variable('PG_DATABASE'), 'app');
    assert.equal(variable('S3_ENDPOINT'), 'http://orders-files-minio:9000');
    assert.equal(variable('S3_BUCKET'), 'bucket-orders-files');
    // Values with a password in them are never in a ConfigMap: they reach the pod from a Secret.
    const secrets = await core.listNamespacedSecret({ namespace: ns.namespace() });
    const secretKeys = secrets.items.flatMap((s) => Object.keys(s.data ?? {}));
    for (const name of ['MYSQL_DSN', 'MONGO_URL', 'MSSQL_CONNECTION', 'SEARCH_URL', 'AWS_SECRET_ACCESS_KEY']) {
      assert.equal(variable(name), undefined, name);
      assert.ok(secretKeys.includes(`env.main.${name}`), `${name} in a Secret`);
    }
    const mongo = secrets.items.find((s) => s.data?.['env.main.MONGO_URL'])?.data?.['env.main.MONGO_URL'] ?? '';
    assert.match(
      Buffer.from(mongo, 'base64').toString(),
      /^mongodb:\/\/app:[A-Za-z0-9]{32}@orders-docs-mongodb:27017\/$/,
    );
  });
});
