import type { Provisioner } from '../model.ts';
import { amqp, elasticsearch, kafkaTopic, mongodb, mssql, mysql, s3 } from './data-stores.ts';
import { dns } from './dns.ts';
import { postgres } from './postgres.ts';
import { redis } from './redis.ts';
import { route } from './route.ts';
import { servicePort } from './service-port.ts';
import { volumeEmptyDir, volumePersistent } from './volume.ts';

/** What Slipway provisions when the platform defines nothing for a type (see match.ts). */
export const builtinProvisioners: readonly Provisioner[] = Object.freeze([
  servicePort,
  volumeEmptyDir,
  volumePersistent,
  route,
  dns,
  postgres,
  redis,
  mysql,
  mongodb,
  amqp,
  mssql,
  kafkaTopic,
  elasticsearch,
  s3,
]);
