import { notificationEventKinds } from '@slipway/core';
import { type Command, Option } from 'commander';
import type { NotificationDeliveryView, NotificationSubscriptionView } from '../client.ts';
import { contextOf } from '../context.ts';
import { emit, formatTable, formatTime } from '../output.ts';

interface CreateOptions {
  channel: 'webhook' | 'slack' | 'inbox';
  url?: string;
  team?: string;
  event?: string[];
  forTeam?: string[];
  service?: string[];
  type?: string[];
}

/** Notifications: subscriptions, their deliveries (the outbox), and the caller's inbox. */
export function registerNotifyCommands(program: Command): void {
  const notify = program
    .command('notify')
    .description('Manage notifications: who is told about which events, and how their deliveries went')
    .addHelpText(
      'after',
      `
Examples:
  $ slipway notify subscription create ops-hook --channel webhook --url https://hooks.example.com/slipway --event release.failed
  $ slipway notify subscription create payments-chat --channel slack --url https://hooks.slack.com/services/T/B/X --for-team payments
  $ slipway notify deliveries --status dead
  $ slipway notify redeliver 6f1c…`,
    );
  const subscription = notify
    .command('subscription')
    .alias('sub')
    .description('Manage subscriptions')
    .addHelpText(
      'after',
      '\nExamples:\n  $ slipway notify subscription list\n  $ slipway notify subscription test 6f1c…',
    );

  subscription
    .command('list')
    .alias('ls')
    .description('List subscriptions')
    .addHelpText(
      'after',
      '\nExamples:\n  $ slipway notify subscription list\n  $ slipway notify subscription list -o json',
    )
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const items = await ctx.authenticated().listNotificationSubscriptions();
      emit(ctx.output, { items }, () => (items.length === 0 ? ['No subscriptions.'] : subscriptionTable(items)));
    });

  subscription
    .command('create')
    .description('Subscribe a webhook, a Slack-compatible webhook or a team inbox to events')
    .argument('<name>', 'a name people recognise it by')
    .addOption(
      new Option('--channel <channel>', 'how it is told').choices(['webhook', 'slack', 'inbox']).makeOptionMandatory(),
    )
    .option('--url <url>', 'webhook and slack: where to POST')
    .option('--team <team>', "inbox: every member of this team gets it in the portal's inbox")
    .option('--event <kind>', `only this event; repeat for more (${notificationEventKinds.join(', ')})`, collect)
    .option('--for-team <team>', "only events of this team's services; repeat for more", collect)
    .option('--service <name>', 'only events of this service; repeat for more', collect)
    .option('--type <type>', 'only events in environments of this type; repeat for more', collect)
    .addHelpText(
      'after',
      `
Examples:
  $ slipway notify subscription create ops-hook --channel webhook --url https://hooks.example.com/slipway --event release.failed
  $ slipway notify subscription create payments-inbox --channel inbox --team payments --event approval.requested

A webhook's signing secret (whsec_…) is printed once, now: receivers verify webhook-signature
with it (Standard Webhooks). Without filters, a subscription gets every event.`,
    )
    .action(async (name: string, options: CreateOptions, command: Command) => {
      const ctx = contextOf(command);
      const created = await ctx.authenticated().createNotificationSubscription({
        name,
        channel: options.channel,
        ...(options.url ? { url: options.url } : {}),
        ...(options.team ? { team: options.team } : {}),
        events: (options.event ?? []) as (typeof notificationEventKinds)[number][],
        teams: options.forTeam ?? [],
        services: options.service ?? [],
        environmentTypes: options.type ?? [],
      });
      emit(ctx.output, created, () => [
        `Created subscription ${name} (${created.subscription.id}).`,
        ...(created.secret ? [`Signing secret (shown once; keep it with the receiver): ${created.secret}`] : []),
      ]);
    });

  subscription
    .command('delete')
    .alias('rm')
    .description('Remove a subscription and its deliveries')
    .addHelpText('after', '\nExamples:\n  $ slipway notify subscription delete 6f1c…')
    .argument('<id>', 'the subscription id')
    .action(async (id: string, _options: unknown, command: Command) => {
      const ctx = contextOf(command);
      await ctx.authenticated().deleteNotificationSubscription(id);
      emit(ctx.output, { deleted: id }, () => [`Deleted subscription ${id}.`]);
    });

  subscription
    .command('test')
    .description('Send a notification.test event to one subscription')
    .addHelpText('after', '\nExamples:\n  $ slipway notify subscription test 6f1c…')
    .argument('<id>', 'the subscription id')
    .action(async (id: string, _options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const answer = await ctx.authenticated().testNotificationSubscription(id);
      emit(ctx.output, answer, () => [
        `Sent test event ${answer.eventId}; see it with slipway notify deliveries --subscription ${id}.`,
      ]);
    });

  notify
    .command('deliveries')
    .description('List deliveries, newest first')
    .addHelpText(
      'after',
      '\nExamples:\n  $ slipway notify deliveries --status dead\n  $ slipway notify deliveries --subscription 6f1c… --limit 20',
    )
    .addOption(new Option('--status <status>', 'only these').choices(['pending', 'delivering', 'delivered', 'dead']))
    .option('--subscription <id>', 'only those of this subscription')
    .option('--limit <n>', 'at most this many', (v) => Number(v), 100)
    .action(
      async (
        options: { status?: NotificationDeliveryView['status']; subscription?: string; limit: number },
        command: Command,
      ) => {
        const ctx = contextOf(command);
        const items = await ctx.authenticated().listNotificationDeliveries({
          limit: options.limit,
          ...(options.status ? { status: options.status } : {}),
          ...(options.subscription ? { subscription: options.subscription } : {}),
        });
        emit(ctx.output, { items }, () => (items.length === 0 ? ['No deliveries.'] : deliveryTable(items)));
      },
    );

  notify
    .command('redeliver')
    .description('Send a delivered or dead delivery again (same webhook-id, fresh attempts)')
    .addHelpText('after', '\nExamples:\n  $ slipway notify redeliver 0b7e…')
    .argument('<id>', 'the delivery id')
    .action(async (id: string, _options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const answer = await ctx.authenticated().redeliverNotification(id);
      emit(ctx.output, answer, () => [`Delivery ${id} is ${answer.status} again.`]);
    });

  program
    .command('inbox')
    .description("Show your inbox: the notifications of your teams' inbox subscriptions")
    .addHelpText('after', '\nExamples:\n  $ slipway inbox --unread\n  $ slipway inbox --mark-read')
    .option('--unread', 'only unread ones')
    .option('--mark-read', 'mark everything read after showing it')
    .action(async (options: { unread?: boolean; markRead?: boolean }, command: Command) => {
      const ctx = contextOf(command);
      const client = ctx.authenticated();
      const inbox = await client.listInbox({ unread: options.unread ?? false, limit: 50 });
      if (options.markRead) await client.markInboxRead();
      emit(ctx.output, inbox, () => [
        `${inbox.unread} unread.`,
        ...(inbox.items.length === 0
          ? []
          : formatTable(
              ['', 'WHEN', 'EVENT', 'TITLE'],
              inbox.items.map((i) => [i.readAt ? ' ' : '*', formatTime(i.at, '-'), i.kind, i.title]),
            )),
      ]);
    });
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function subscriptionTable(items: NotificationSubscriptionView[]): string[] {
  const filters = (s: NotificationSubscriptionView) =>
    [
      s.events.length ? `events ${s.events.join(',')}` : '',
      s.teams.length ? `teams ${s.teams.join(',')}` : '',
      s.services.length ? `services ${s.services.join(',')}` : '',
      s.environmentTypes.length ? `types ${s.environmentTypes.join(',')}` : '',
    ]
      .filter(Boolean)
      .join('; ') || 'everything';
  const rows = items.map((s) => [s.id, s.name, s.channel, s.url ?? s.inboxTeam ?? s.inboxUser ?? '-', filters(s)]);
  return formatTable(['ID', 'NAME', 'CHANNEL', 'DESTINATION', 'GETS'], rows);
}

function deliveryTable(items: NotificationDeliveryView[]): string[] {
  const rows = items.map((d) => [
    d.id,
    d.status,
    String(d.attempts),
    d.subscriptionName,
    d.kind,
    formatTime(d.createdAt, '-'),
    d.lastError ?? '-',
  ]);
  return formatTable(['ID', 'STATUS', 'ATTEMPTS', 'SUBSCRIPTION', 'EVENT', 'CREATED', 'LAST ERROR'], rows);
}
