/**
 * One typed client of the Slipway API for the CLI and the portal: openapi-fetch over the types
 * generated from openapi.json, so a request or answer that no longer matches the API fails the
 * type-check. Every failure throws core's SlipwayError: a refusal with the server's own code,
 * message, hint and field paths; an answer from something that is not Slipway, saying so; and,
 * when the caller says how, a request that got no answer at all.
 */
import { SlipwayError } from '@slipway/core/errors';
import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import { errorFromAnswer, notJson } from './errors.ts';
import type { paths } from './schema.d.ts';

export type ApiClient = Client<paths>;

export interface ApiClientOptions extends Pick<ClientOptions, 'baseUrl' | 'headers' | 'credentials' | 'fetch'> {
  /** The server as messages name it; the base URL when left out. */
  server?: string;
  /** The error for a request that got no answer (refused, reset, aborted); the fetch error is thrown as it is when left out. */
  unreachable?: (cause: unknown) => SlipwayError;
  /** Adds what the caller knows to a refusal (the CLI names where its token came from). */
  refused?: (error: SlipwayError) => SlipwayError;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const { server, unreachable, refused, ...clientOptions } = options;
  const name = server ?? options.baseUrl ?? '';
  const client = createClient<paths>(clientOptions);
  client.use({
    async onResponse({ request, response, options: { parseAs } }) {
      if (!response.ok) {
        const error = errorFromAnswer(await readBody(response), response.status, name);
        throw refused ? refused(error) : error;
      }
      if (parseAs === 'json' && !(await isJsonOrEmpty(response))) {
        throw notJson(name, new URL(request.url).pathname);
      }
      return undefined;
    },
    onError({ error }) {
      if (error instanceof SlipwayError || !unreachable) return undefined;
      return unreachable(error);
    },
  });
  return client;
}

/** The data of an openapi-fetch result: the client above has already thrown for any failure. */
export async function call<T>(
  pending: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<NonNullable<T>> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await pending;
  } catch (cause) {
    // An answer labelled JSON that does not parse; every other failure is thrown as it came.
    if (!(cause instanceof SyntaxError)) throw cause;
    throw new SlipwayError('internal', `The server's answer is not valid JSON: ${cause.message}`, { cause });
  }
  if (result.error !== undefined || !result.response.ok) {
    throw SlipwayError.fromBody(result.error, result.response.status);
  }
  return result.data as NonNullable<T>;
}

/** The problem reported for a field, by its JSON Pointer (e.g. `/name`), if any. */
export function fieldProblem(error: unknown, path: string): string | undefined {
  if (!(error instanceof SlipwayError)) return undefined;
  return error.fields?.find((f) => f.path === path)?.message;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function isJsonOrEmpty(response: Response): Promise<boolean> {
  if (response.status === 204 || /[/+]json\b/.test(response.headers.get('content-type') ?? '')) return true;
  return (await response.clone().text()) === '';
}
