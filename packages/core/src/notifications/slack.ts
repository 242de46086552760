import type { NotificationEvent } from './events.ts';

/**
 * The message a Slack-compatible incoming webhook takes (Slack, Mattermost, Rocket.Chat read
 * `text`; Slack draws `blocks`): a headline, the facts as fields, a link to the portal.
 */
export interface SlackMessage {
  text: string;
  blocks: unknown[];
}

const icons: Partial<Record<NotificationEvent['kind'], string>> = {
  'release.healthy': ':white_check_mark:',
  'release.failed': ':x:',
  'release.rolled_back': ':rewind:',
  'verification.failed': ':warning:',
  'approval.requested': ':raising_hand:',
  'approval.given': ':ok_hand:',
  'preview.ready': ':eyes:',
  'drift.found': ':mag:',
  'freeze.started': ':snowflake:',
  'scorecard.level_dropped': ':chart_with_downwards_trend:',
  'policy.violation': ':no_entry:',
};

/** Slack's mrkdwn treats &, < and > as markup. */
function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function slackMessage(event: NotificationEvent, portalUrl: string | null): SlackMessage {
  const icon = icons[event.kind] ?? ':bell:';
  const text = `${icon} ${escapeMrkdwn(event.title)}`;
  const facts: Array<[string, string | null]> = [
    ['Service', event.service],
    ['Environment', event.environment],
    ['Team', event.team],
    ['Event', event.kind],
  ];
  const fields = facts
    .filter((f): f is [string, string] => f[1] !== null)
    .map(([label, value]) => ({ type: 'mrkdwn', text: `*${label}*\n${escapeMrkdwn(value)}` }));
  const blocks: unknown[] = [{ type: 'section', text: { type: 'mrkdwn', text } }];
  if (fields.length) blocks.push({ type: 'section', fields });
  if (portalUrl && event.link) {
    const url = new URL(event.link, portalUrl).toString();
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `<${url}|Open in Slipway>` }] });
  }
  return { text, blocks };
}
