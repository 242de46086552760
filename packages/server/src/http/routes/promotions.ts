import { Type } from '@sinclair/typebox';
import { principalOf } from '../../auth/authenticate.ts';
import { fromBody } from '../../auth/rules.ts';
import { releaseView } from '../../views/releases.ts';
import { setAuditTarget } from '../audit.ts';
import { authErrors, bearer, ErrorResponse } from '../schemas/common.ts';
import { DnsLabel, ReleaseView } from '../schemas/releases.ts';
import type { TypedApp } from '../typed-app.ts';

const PromoteBody = Type.Object(
  {
    service: DnsLabel,
    from: DnsLabel,
    to: DnsLabel,
    number: Type.Optional(
      Type.Integer({ minimum: 1, description: "Release number in 'from'; its newest healthy one when left out" }),
    ),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    dryRun: Type.Optional(Type.Boolean({ description: 'Only show the diff against what runs in the target' })),
  },
  { additionalProperties: false },
);
const Diff = Type.Object(
  {},
  { additionalProperties: true, description: 'added, removed, changed (with field changes), unchanged' },
);

/** Promotion: the exact release of one environment (workload, image, files) deployed to the next. */
export async function promotionRoutes(app: TypedApp) {
  app.post(
    '/promotions',
    {
      config: { authz: { permission: 'service.deploy', service: fromBody('service'), environment: fromBody('to') } },
      schema: {
        tags: ['deploys'],
        summary: 'Promotes a healthy release to another environment, or shows the diff first (dryRun)',
        description:
          'The same workload, image and files, rendered for the target environment under its rules. To a protected ' +
          'environment type the new release waits for approval by someone else (status pending_approval).',
        operationId: 'promote',
        security: bearer,
        body: PromoteBody,
        response: {
          200: Type.Object(
            { source: Type.Ref(ReleaseView), current: Type.Union([Type.Ref(ReleaseView), Type.Null()]), diff: Diff },
            { description: 'dryRun: what would change' },
          ),
          202: Type.Object({
            source: Type.Ref(ReleaseView),
            current: Type.Union([Type.Ref(ReleaseView), Type.Null()]),
            diff: Diff,
            release: Type.Ref(ReleaseView),
            warnings: Type.Array(Type.String()),
          }),
          400: Type.Ref(ErrorResponse),
          409: Type.Ref(ErrorResponse),
          503: Type.Ref(ErrorResponse),
          ...authErrors,
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const db = app.deps.database.db;
      setAuditTarget(request, 'environments', body.to, 'services', body.service);
      const result = await app.deps.platform.deployments.promote(body, principalOf(request).username);
      const base = {
        source: await releaseView(db, result.source),
        current: result.current ? await releaseView(db, result.current) : null,
        diff: result.diff,
      };
      if (!result.release) return base;
      return reply
        .status(202)
        .send({ ...base, release: await releaseView(db, result.release), warnings: result.warnings ?? [] });
    },
  );
}
