import { readFileSync } from 'node:fs';
import type { Static } from '@sinclair/typebox';
import { SlipwayError } from '@slipway/core';
import type { PrometheusSettingsSchema } from '../config/schema.ts';
import type { PrometheusSource } from './prometheus.ts';

export type PrometheusSettings = Static<typeof PrometheusSettingsSchema>;

/**
 * The metrics source of a cluster from its settings (for the cluster of Slipway's own
 * configuration: `kubernetes.prometheus`). The CA file is read here, once; `at` is the JSON
 * Pointer of the settings, for the error that names a file that cannot be read.
 */
export function prometheusSource(settings: PrometheusSettings, at = '/kubernetes/prometheus'): PrometheusSource {
  const source: PrometheusSource = { url: settings.url, timeoutMs: settings.timeoutMs };
  if (settings.auth) source.auth = settings.auth;
  const tls = settings.tls;
  if (tls?.caFile || tls?.insecureSkipVerify) {
    source.tls = {
      ...(tls.caFile ? { ca: readCa(tls.caFile, `${at}/tls/caFile`) } : {}),
      ...(tls.insecureSkipVerify ? { insecureSkipVerify: true } : {}),
    };
  }
  return source;
}

function readCa(file: string, path: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new SlipwayError(
      'invalid_config',
      `Cannot read the Prometheus CA file ${file}: ${(error as Error).message}`,
      {
        fields: [{ path, message: 'cannot be read' }],
        cause: error,
      },
    );
  }
}
