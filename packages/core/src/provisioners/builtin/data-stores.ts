/**
 * The data stores score-k8s provisions by default besides PostgreSQL and Redis — MySQL,
 * MongoDB, RabbitMQ (`amqp`), SQL Server (`mssql`), a Kafka broker for a topic
 * (`kafka-topic`), an S3 bucket on MinIO (`s3`) — and Elasticsearch, each with the output names score-k8s gives, so a Score
 * file written for score-k8s reads the same `${resources.x.…}` here. Where score-k8s shares one
 * server among resources, each resource here gets a server of its own (see
 * docs/provisioners.md): simpler to remove with the environment, and no state between deploys.
 */
import type { TemplateProvisioner } from '../model.ts';
import { statefulServiceManifests } from './stateful-service.ts';

const noParams = { type: 'object', additionalProperties: false, properties: {} };
const nameOf = (suffix: string) => `{{ dnsLabel 40 (print .resource.slug "-${suffix}") }}`;

export const mysql: TemplateProvisioner = {
  id: 'builtin/mysql',
  kind: 'template',
  description: 'A MySQL 8.4 StatefulSet, Service and Secret in the namespace (for development and previews).',
  match: { type: 'mysql' },
  params: noParams,
  init: {
    name: nameOf('mysql'),
    user: 'app',
    password: '{{ random 32 "mysql-password" }}',
    rootPassword: '{{ random 32 "mysql-root-password" }}',
  },
  outputs: {
    host: '{{ .init.name }}',
    port: 3306,
    name: '{{ .init.user }}',
    database: '{{ .init.user }}',
    username: '{{ .init.user }}',
    password: '{{ .init.password }}',
    url: 'mysql://{{ .init.user }}:{{ .init.password }}@{{ .init.name }}:3306/{{ .init.user }}',
  },
  secretOutputs: ['password', 'url'],
  manifests: statefulServiceManifests({
    app: 'mysql',
    image: 'mysql:8.4',
    port: 3306,
    secretData: {
      username: '{{ b64enc .init.user }}',
      password: '{{ b64enc .init.password }}',
      database: '{{ b64enc .init.user }}',
      'root-password': '{{ b64enc .init.rootPassword }}',
    },
    secretEnv: {
      MYSQL_USER: 'username',
      MYSQL_PASSWORD: 'password',
      MYSQL_DATABASE: 'database',
      MYSQL_ROOT_PASSWORD: 'root-password',
    },
    dataPath: '/var/lib/mysql',
    requests: { cpu: '100m', memory: '384Mi' },
    memoryLimit: '768Mi',
  }),
};

export const mongodb: TemplateProvisioner = {
  id: 'builtin/mongodb',
  kind: 'template',
  description: 'A MongoDB 7 StatefulSet, Service and Secret in the namespace (for development and previews).',
  match: { type: 'mongodb' },
  params: noParams,
  init: { name: nameOf('mongodb'), user: 'app', password: '{{ random 32 "mongodb-password" }}' },
  outputs: {
    host: '{{ .init.name }}',
    port: 27017,
    username: '{{ .init.user }}',
    password: '{{ .init.password }}',
    connection: 'mongodb://{{ .init.user }}:{{ .init.password }}@{{ .init.name }}:27017/',
  },
  secretOutputs: ['password', 'connection'],
  manifests: statefulServiceManifests({
    app: 'mongodb',
    image: 'mongo:7',
    port: 27017,
    secretData: { username: '{{ b64enc .init.user }}', password: '{{ b64enc .init.password }}' },
    secretEnv: { MONGO_INITDB_ROOT_USERNAME: 'username', MONGO_INITDB_ROOT_PASSWORD: 'password' },
    dataPath: '/data/db',
    requests: { cpu: '100m', memory: '256Mi' },
    memoryLimit: '512Mi',
  }),
};

export const amqp: TemplateProvisioner = {
  id: 'builtin/amqp',
  kind: 'template',
  description: 'A RabbitMQ 3.13 StatefulSet, Service and Secret in the namespace (for development and previews).',
  match: { type: 'amqp' },
  params: noParams,
  init: { name: nameOf('rabbitmq'), user: 'app', password: '{{ random 32 "amqp-password" }}' },
  outputs: {
    host: '{{ .init.name }}',
    port: 5672,
    // The server's own default vhost: a server per resource needs no other.
    vhost: '/',
    username: '{{ .init.user }}',
    password: '{{ .init.password }}',
    url: 'amqp://{{ .init.user }}:{{ .init.password }}@{{ .init.name }}:5672/%2F',
  },
  secretOutputs: ['password', 'url'],
  manifests: statefulServiceManifests({
    app: 'rabbitmq',
    image: 'rabbitmq:3.13',
    port: 5672,
    secretData: { username: '{{ b64enc .init.user }}', password: '{{ b64enc .init.password }}' },
    secretEnv: { RABBITMQ_DEFAULT_USER: 'username', RABBITMQ_DEFAULT_PASS: 'password' },
    dataPath: '/var/lib/rabbitmq',
    requests: { cpu: '100m', memory: '256Mi' },
    memoryLimit: '512Mi',
  }),
};

export const mssql: TemplateProvisioner = {
  id: 'builtin/mssql',
  kind: 'template',
  description: 'A SQL Server 2022 StatefulSet, Service and Secret in the namespace (for development and previews).',
  match: { type: 'mssql' },
  params: noParams,
  init: {
    name: nameOf('mssql'),
    // SQL Server refuses a password without upper and lower case letters and digits or symbols.
    password: 'Aa1-{{ random 28 "mssql-password" }}',
  },
  outputs: {
    server: '{{ .init.name }}',
    port: 1433,
    database: 'master',
    username: 'sa',
    password: '{{ .init.password }}',
    connection:
      'Server=tcp:{{ .init.name }},1433;Initial Catalog=master;User ID=sa;Password={{ .init.password }};TrustServerCertificate=True',
  },
  secretOutputs: ['password', 'connection'],
  manifests: statefulServiceManifests({
    app: 'mssql',
    image: 'mcr.microsoft.com/mssql/server:2022-latest',
    port: 1433,
    secretData: { password: '{{ b64enc .init.password }}' },
    secretEnv: { MSSQL_SA_PASSWORD: 'password' },
    env: [{ name: 'ACCEPT_EULA', value: 'Y' }],
    dataPath: '/var/opt/mssql',
    requests: { cpu: '200m', memory: '2Gi' },
    memoryLimit: '3Gi',
  }),
};

/**
 * A single-node Kafka broker (KRaft, no ZooKeeper) per resource; the topic is created with
 * three partitions on first use (score-k8s runs a Job that creates it up front).
 */
export const kafkaTopic: TemplateProvisioner = {
  id: 'builtin/kafka-topic',
  kind: 'template',
  description: 'A Kafka 3.9 broker (KRaft) StatefulSet and Service, and a topic on it (for development and previews).',
  match: { type: 'kafka-topic' },
  params: noParams,
  init: { name: nameOf('kafka'), topic: '{{ .resource.slug }}' },
  outputs: { host: '{{ .init.name }}', port: 9092, name: '{{ .init.topic }}', num_partitions: 3 },
  manifests: statefulServiceManifests({
    app: 'kafka',
    image: 'apache/kafka:3.9.0',
    port: 9092,
    secretData: {},
    secretEnv: {},
    env: [
      { name: 'KAFKA_NODE_ID', value: '1' },
      { name: 'KAFKA_PROCESS_ROLES', value: 'broker,controller' },
      { name: 'KAFKA_LISTENERS', value: 'PLAINTEXT://:9092,CONTROLLER://:9093' },
      { name: 'KAFKA_ADVERTISED_LISTENERS', value: 'PLAINTEXT://{{ .init.name }}:9092' },
      { name: 'KAFKA_CONTROLLER_LISTENER_NAMES', value: 'CONTROLLER' },
      { name: 'KAFKA_LISTENER_SECURITY_PROTOCOL_MAP', value: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT' },
      { name: 'KAFKA_CONTROLLER_QUORUM_VOTERS', value: '1@localhost:9093' },
      { name: 'KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR', value: '1' },
      { name: 'KAFKA_NUM_PARTITIONS', value: '3' },
      { name: 'KAFKA_AUTO_CREATE_TOPICS_ENABLE', value: 'true' },
      { name: 'KAFKA_LOG_DIRS', value: '/var/lib/kafka/data' },
    ],
    dataPath: '/var/lib/kafka/data',
    requests: { cpu: '200m', memory: '512Mi' },
    memoryLimit: '1Gi',
  }),
};

export const elasticsearch: TemplateProvisioner = {
  id: 'builtin/elasticsearch',
  kind: 'template',
  description:
    'A single-node Elasticsearch 8 StatefulSet, Service and Secret in the namespace (for development and previews).',
  match: { type: 'elasticsearch' },
  params: noParams,
  init: { name: nameOf('elasticsearch'), password: '{{ random 32 "elasticsearch-password" }}' },
  outputs: {
    host: '{{ .init.name }}',
    port: 9200,
    username: 'elastic',
    password: '{{ .init.password }}',
    url: 'http://elastic:{{ .init.password }}@{{ .init.name }}:9200',
  },
  secretOutputs: ['password', 'url'],
  manifests: statefulServiceManifests({
    app: 'elasticsearch',
    image: 'docker.elastic.co/elasticsearch/elasticsearch:8.15.3',
    port: 9200,
    secretData: { password: '{{ b64enc .init.password }}' },
    secretEnv: { ELASTIC_PASSWORD: 'password' },
    env: [
      { name: 'discovery.type', value: 'single-node' },
      // Plain HTTP inside the namespace, as the other built-ins; TLS is for real clusters.
      { name: 'xpack.security.http.ssl.enabled', value: 'false' },
      { name: 'ES_JAVA_OPTS', value: '-Xms512m -Xmx512m' },
    ],
    dataPath: '/usr/share/elasticsearch/data',
    requests: { cpu: '200m', memory: '1Gi' },
    memoryLimit: '2Gi',
  }),
};

/**
 * An S3 bucket on a MinIO server of its own. The bucket is made as a folder of the data
 * volume before the server starts, which single-drive MinIO serves as a bucket: no Job to wait
 * for (score-k8s runs `mc mb` in one). The root credentials are the access key pair, as there.
 */
export const s3: TemplateProvisioner = {
  id: 'builtin/s3',
  kind: 'template',
  description:
    'An S3 bucket on a MinIO StatefulSet, Service and Secret in the namespace (for development and previews).',
  match: { type: 's3' },
  params: noParams,
  init: {
    name: nameOf('minio'),
    bucket: '{{ dnsLabel 63 (print "bucket-" .resource.slug) }}',
    accessKeyId: '{{ random 20 "s3-access-key-id" }}',
    secretKey: '{{ random 40 "s3-secret-key" }}',
  },
  outputs: {
    bucket: '{{ .init.bucket }}',
    endpoint: 'http://{{ .init.name }}:9000',
    region: 'us-east-1',
    access_key_id: '{{ .init.accessKeyId }}',
    secret_key: '{{ .init.secretKey }}',
    // The names Humanitec's s3 resource gives, which score-k8s outputs too.
    aws_access_key_id: '{{ .init.accessKeyId }}',
    aws_secret_key: '{{ .init.secretKey }}',
  },
  secretOutputs: ['secret_key', 'aws_secret_key'],
  manifests: statefulServiceManifests({
    app: 'minio',
    image: 'quay.io/minio/minio:RELEASE.2025-04-22T22-12-26Z',
    port: 9000,
    secretData: { 'access-key-id': '{{ b64enc .init.accessKeyId }}', 'secret-key': '{{ b64enc .init.secretKey }}' },
    secretEnv: { MINIO_ROOT_USER: 'access-key-id', MINIO_ROOT_PASSWORD: 'secret-key' },
    command: ['sh', '-c', 'mkdir -p /data/{{ .init.bucket }} && exec minio server /data'],
    dataPath: '/data',
    requests: { cpu: '100m', memory: '256Mi' },
    memoryLimit: '512Mi',
  }),
};
