import { type FieldIssue, invalidInput, jsonPointer } from '../errors/index.ts';
import { isDnsLabel, maxLabelLength } from '../workload/names.ts';

/**
 * What Slipway needs from a GitHub `pull_request` webhook to run a preview environment.
 * The payload's signature is checked before it gets here.
 */
export interface PullRequestEvent {
  action: string;
  number: number;
  /** `owner/name` */
  repository: string;
  headSha: string;
  headRef: string;
  baseRef: string;
  title: string;
  author: string;
  htmlUrl: string;
  /** `open` or `closed`, as the pull request was when GitHub sent the event. */
  state: 'open' | 'closed';
  /** The pull request's `updated_at` (ISO 8601): what orders its events, whatever the delivery id. */
  updatedAt: string;
}

export type PreviewAction = 'upsert' | 'destroy' | 'ignore';

type FieldKind = 'string' | 'number' | 'sha' | 'fullName' | 'state' | 'timestamp';

/** Where each field lives in GitHub's payload, and what it must be. */
const fields: ReadonlyArray<[keyof PullRequestEvent, string[], FieldKind]> = [
  ['action', ['action'], 'string'],
  ['number', ['number'], 'number'],
  ['repository', ['repository', 'full_name'], 'fullName'],
  ['headSha', ['pull_request', 'head', 'sha'], 'sha'],
  ['headRef', ['pull_request', 'head', 'ref'], 'string'],
  ['baseRef', ['pull_request', 'base', 'ref'], 'string'],
  ['title', ['pull_request', 'title'], 'string'],
  ['author', ['pull_request', 'user', 'login'], 'string'],
  ['htmlUrl', ['pull_request', 'html_url'], 'string'],
  ['state', ['pull_request', 'state'], 'state'],
  ['updatedAt', ['pull_request', 'updated_at'], 'timestamp'],
];

const kindProblems: Record<FieldKind, [(v: unknown) => boolean, string]> = {
  string: [(v) => typeof v === 'string', 'must be a string'],
  number: [(v) => Number.isSafeInteger(v) && (v as number) > 0, 'must be a positive integer'],
  // SHA-1 today, SHA-256 in repositories that moved; the SHA ends up in image tags, so only hex.
  sha: [(v) => typeof v === 'string' && /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(v), 'must be a commit SHA'],
  fullName: [(v) => typeof v === 'string' && /^[^/\s]+\/[^/\s]+$/.test(v), 'must be "owner/name"'],
  state: [(v) => v === 'open' || v === 'closed', 'must be open or closed'],
  timestamp: [
    (v) => typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) && !Number.isNaN(Date.parse(v)),
    'must be an ISO 8601 time',
  ],
};

/** Reads a `pull_request` webhook payload, reporting every missing or mistyped field at once. */
export function parsePullRequestEvent(payload: unknown): PullRequestEvent {
  const issues = new Map<string, string>();
  const event: Record<string, unknown> = {};
  for (const [key, path, kind] of fields) {
    const found = lookUp(payload, path);
    if ('problem' in found) {
      if (!issues.has(found.at)) issues.set(found.at, found.problem);
      continue;
    }
    const [valid, problem] = kindProblems[kind];
    if (valid(found.value)) event[key] = found.value;
    else issues.set(jsonPointer(path), problem);
  }
  if (issues.size > 0) {
    const list: FieldIssue[] = [...issues].map(([path, message]) => ({ path, message }));
    throw invalidInput(
      `The pull_request event is not valid: ${list.map((i) => `${i.path} ${i.message}`).join('; ')}`,
      list,
      'Slipway reads the JSON payload of GitHub pull_request webhooks; check the webhook sends that event.',
    );
  }
  return event as unknown as PullRequestEvent;
}

/** Follows `path`; a missing object on the way is reported once, where it is missing. */
function lookUp(root: unknown, path: string[]): { value: unknown } | { at: string; problem: string } {
  let value = root;
  for (const [i, segment] of path.entries()) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { at: jsonPointer(path.slice(0, i)), problem: 'must be an object' };
    }
    value = (value as Record<string, unknown>)[segment];
    if (value === undefined || value === null) return { at: jsonPointer(path.slice(0, i + 1)), problem: 'is missing' };
  }
  return { value };
}

/** Which pull request actions change the preview; labels, reviews and edits do not. */
export function previewAction(action: string): PreviewAction {
  if (action === 'opened' || action === 'reopened' || action === 'synchronize') return 'upsert';
  return action === 'closed' ? 'destroy' : 'ignore';
}

/** What Slipway last acted on for one pull request: its `updated_at` then, and whether it closed. */
export interface PullRequestMemory {
  updatedAt: Date;
  closed: boolean;
  action: string;
}

/**
 * Whether a pull_request event may change the preview, given the newest one acted on. GitHub's
 * delivery ids tell redeliveries apart, not replays: a payload sent again (by hand, by a proxy
 * retrying, by someone who captured it) carries a new id but the pull request's old state. So
 * the pull request's own `updated_at` orders events: one not newer than the last acted on is
 * ignored (unless it follows it within the same second: `actionsBefore`); a closed pull request comes back only through `reopened`; an upsert needs the pull
 * request open. Events that change nothing (labels, edits) are not remembered, so they never
 * hide a slower, older `synchronize`.
 */
export function previewEventVerdict(
  event: PullRequestEvent,
  memory: PullRequestMemory | undefined,
): { act: true } | { act: false; reason: string } {
  const what = previewAction(event.action);
  const pr = `${event.repository}#${event.number}`;
  if (what === 'upsert' && event.state !== 'open') {
    return { act: false, reason: `${pr} was ${event.state} when this ${event.action} event was sent` };
  }
  if (!memory) return { act: true };
  const updatedAt = new Date(event.updatedAt);
  if (updatedAt.getTime() <= memory.updatedAt.getTime() && !sameSecondAfter(event, updatedAt, memory)) {
    return {
      act: false,
      reason:
        `This event shows ${pr} as updated at ${updatedAt.toISOString()}; Slipway already acted on its ` +
        `${memory.action} event of ${memory.updatedAt.toISOString()}, which is as new or newer`,
    };
  }
  if (memory.closed && what === 'upsert' && event.action !== 'reopened') {
    return { act: false, reason: `${pr} was closed; only a reopened event brings its preview back` };
  }
  return { act: true };
}

/**
 * `updated_at` has one-second resolution, so a push right after opening, or the close right after
 * a push (a bot merging once CI passes), can carry the same time as the event before it. Within
 * one second the pull request's life only moves forward — opened or reopened, then synchronize,
 * then closed — so an event breaks a tie only when it comes after the remembered one in that
 * order; anything else at the same time is taken for a replay.
 */
const lifeOrder: Record<string, number> = { opened: 0, reopened: 0, synchronize: 1, closed: 2 };

/** The actions a given action may follow within the same second of `updated_at`. */
export function actionsBefore(action: string): string[] {
  const rank = lifeOrder[action];
  if (rank === undefined) return [];
  return Object.keys(lifeOrder).filter((earlier) => (lifeOrder[earlier] as number) < rank);
}

function sameSecondAfter(event: PullRequestEvent, updatedAt: Date, memory: PullRequestMemory): boolean {
  return updatedAt.getTime() === memory.updatedAt.getTime() && actionsBefore(event.action).includes(memory.action);
}

export const defaultPreviewNamePattern = 'pr-{number}';

/** The preview environment's name, e.g. `pr-42` or, with `{repo}-pr-{number}`, `shop-pr-42`. */
export function previewEnvironmentName(
  pattern: string,
  event: Pick<PullRequestEvent, 'number' | 'repository'>,
): string {
  const repo = event.repository.slice(event.repository.indexOf('/') + 1);
  const name = expand(pattern, { number: String(event.number), repo: dnsText(repo) }, 'preview name pattern');
  if (!isDnsLabel(name)) {
    throw invalidInput(
      `The preview environment name "${name}" (from "${pattern}") is not a DNS label`,
      [],
      `Use lowercase letters, digits and "-", at most ${maxLabelLength} characters, e.g. "${defaultPreviewNamePattern}".`,
    );
  }
  return name;
}

/** Lowercase letters, digits and single dashes: a repository name as a piece of a DNS label. */
function dnsText(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The image of the preview, e.g. `ghcr.io/acme/shop:{short_sha}` → `ghcr.io/acme/shop:1a2b3c4`. */
export function expandImageTemplate(
  template: string,
  event: Pick<PullRequestEvent, 'number' | 'headSha' | 'headRef'>,
): string {
  const values = {
    sha: event.headSha,
    short_sha: event.headSha.slice(0, 7),
    number: String(event.number),
    branch: imageTagText(event.headRef, event.number),
  };
  return expand(template, values, 'image template');
}

const maxTagLength = 128;

/**
 * A branch as an image tag (`[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`): `feature/login` → `feature-login`.
 * A branch with nothing usable left falls back to `pr-<number>`, as a tag cannot be empty.
 */
function imageTagText(ref: string, number: number): string {
  const tag = ref
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, maxTagLength);
  return tag || `pr-${number}`;
}

/** Fills `{name}` placeholders; an unknown one or a stray brace is an error, not literal text. */
function expand(template: string, values: Record<string, string>, what: string): string {
  const known = Object.keys(values)
    .map((k) => `{${k}}`)
    .join(', ');
  const result = template.replace(/\{([^{}]*)\}/g, (whole, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === undefined) throw invalidInput(`The ${what} has an unknown placeholder ${whole}`, [], `Use ${known}.`);
    return value;
  });
  if (/[{}]/.test(result)) {
    throw invalidInput(`The ${what} "${template}" has an unmatched brace`, [], `Placeholders are ${known}.`);
  }
  return result;
}
