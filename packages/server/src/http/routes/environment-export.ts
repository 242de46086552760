import { Type } from '@sinclair/typebox';
import { readableServiceIds } from '../../access/visibility.ts';
import { authorizeAlso, callerOf } from '../../auth/authorize.ts';
import { fromParams } from '../../auth/rules.ts';
import { exportEnvironment } from '../../environments/export.ts';
import { authErrors, bearer, ErrorResponse } from '../schemas/common.ts';
import { DnsLabel } from '../schemas/releases.ts';
import type { TypedApp } from '../typed-app.ts';

const ExportBody = Type.Object(
  {
    includeSecrets: Type.Optional(
      Type.Boolean({
        description:
          'Also write Secrets with their values opened (needs the right to manage the environment). ' +
          'Left out, Secrets are not exported and are listed in `omitted`.',
      }),
    ),
  },
  { additionalProperties: false },
);

const ExportAnswer = Type.Object({
  environment: Type.String(),
  namespace: Type.String(),
  releases: Type.Array(
    Type.Object({ service: Type.String(), id: Type.String(), number: Type.Integer(), status: Type.String() }),
    { description: 'Per service, the newest release that reached the cluster and did not fail: the one exported' },
  ),
  files: Type.Array(Type.Object({ path: Type.String(), content: Type.String() }), {
    description: 'kustomization.yaml first, then one YAML file per object in apply order',
  }),
  omitted: Type.Array(
    Type.Object({ service: Type.String(), kind: Type.String(), name: Type.String(), reason: Type.String() }),
  ),
  hiddenServices: Type.Integer({ description: 'Services with releases here that the caller may not read: left out' }),
});

export async function environmentExportRoutes(app: TypedApp) {
  app.post(
    '/environments/:name/export',
    {
      config: { authz: { permission: 'environment.read', environment: fromParams('name') } },
      schema: {
        tags: ['environments'],
        security: bearer,
        summary: 'Writes out the objects Slipway applies to an environment, as files for a GitOps tool',
        description:
          "A kustomization.yaml and one file per object: the environment's own (Namespace, NetworkPolicy, quota) " +
          'and, per service, those of its newest release that reached the cluster and did not fail. ' +
          '`kubectl apply -k` of the files changes nothing where Slipway deployed them. A POST because it can ' +
          'open secret values: every export is in the audit log.',
        operationId: 'exportEnvironment',
        params: Type.Object({ name: DnsLabel }),
        body: Type.Optional(ExportBody),
        response: {
          200: ExportAnswer,
          400: Type.Ref(ErrorResponse),
          404: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const includeSecrets = request.body?.includeSecrets === true;
      // Opened secret values are as good as the power to change the environment.
      if (includeSecrets) {
        await authorizeAlso(request, { permission: 'environment.manage', environment: fromParams('name') });
      }
      const caller = await callerOf(request);
      return exportEnvironment(app.deps.database.db, app.deps.platform.keyRing, request.params.name, {
        readable: await readableServiceIds(app.deps.database.db, caller),
        includeSecrets,
      });
    },
  );
}
