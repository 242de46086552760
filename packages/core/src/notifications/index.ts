export * from './backoff.ts';
export * from './events.ts';
export * from './slack.ts';
export * from './subscriptions.ts';
