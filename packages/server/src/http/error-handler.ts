import { codeForStatus, type FieldIssue, SlipwayError } from '@slipway/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The one place where errors become HTTP responses. Domain code throws SlipwayError; the
 * framework's own errors (validation, bad JSON, body too large, wrong content type) are
 * translated here into the same wire shape, so a client sees one error model everywhere.
 * Only an unexpected error becomes a 500, and its details stay in the log.
 */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const slipwayError = toSlipwayError(error);
    if (slipwayError.code === 'internal') {
      request.log.error({ err: error }, 'unhandled error');
    } else {
      request.log.info({ code: slipwayError.code, message: slipwayError.message }, 'request refused');
    }
    return sendError(reply, request, slipwayError);
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(
      reply,
      request,
      new SlipwayError('not_found', `No route ${request.method} ${request.url.split('?')[0]}`, {
        hint: 'The API is described at /openapi.json.',
      }),
    ),
  );
}

export function sendError(reply: FastifyReply, request: FastifyRequest, error: SlipwayError) {
  const body = error.toBody();
  if (error.code === 'internal') body.message = `${body.message} (request ${request.id})`;
  return reply.status(error.status).type('application/json').send({ error: body });
}

export function toSlipwayError(error: FastifyError): SlipwayError {
  if (error instanceof SlipwayError) return error;
  if (error.validation) return fromValidation(error);
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new SlipwayError('payload_too_large', 'The request body is larger than this server accepts');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new SlipwayError('unsupported_media_type', `Content type not supported: send application/json`);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new SlipwayError('invalid_input', 'The request body is empty; send a JSON document', {
        fields: [{ path: '', message: 'must not be empty' }],
      });
  }
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return new SlipwayError('invalid_input', `The request body is not valid JSON: ${error.message}`, {
      fields: [{ path: '', message: 'must be valid JSON' }],
    });
  }
  const status = error.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return new SlipwayError(codeForStatus(status), error.message);
  }
  return new SlipwayError('internal', 'Something went wrong inside Slipway', { cause: error });
}

const locations = { body: 'body', querystring: 'query', params: 'path', headers: 'header' } as const;

/** Turns Ajv's errors into field issues that point at the exact field, missing ones included. */
function fromValidation(error: FastifyError): SlipwayError {
  const where = locations[error.validationContext as keyof typeof locations] ?? 'body';
  const fields: FieldIssue[] = (error.validation ?? []).map((v) => {
    const params = v.params as Record<string, unknown>;
    const child = params.missingProperty ?? params.additionalProperty;
    const path = child === undefined ? v.instancePath : `${v.instancePath}/${String(child)}`;
    let message = v.message ?? 'is not valid';
    if (params.additionalProperty !== undefined) message = 'is not a known field';
    if (params.missingProperty !== undefined) message = 'is required';
    return { path, message, in: where };
  });
  const first = fields[0];
  const summary = first ? `${first.path || where} ${first.message}` : 'it does not match the schema';
  return new SlipwayError('invalid_input', `The request is not valid: ${summary}`, { fields });
}
