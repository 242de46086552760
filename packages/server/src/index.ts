/**
 * What `@slipway/server` offers to code outside the package: the benchmarks in bench/ and the
 * CLI's tests, which run a real server in their own process. Everything else is the server's
 * own business; add an export here rather than importing a deep path from outside.
 */

// Starting a server, whole (as `node src/main.ts` does) or in its parts.
export { assemblePlatform, type Platform, type PlatformDeps } from './assemble.ts';
export { loadConfig } from './config/load.ts';
export type { Config } from './config/schema.ts';
export { KeyRing } from './crypto/keyring.ts';
export { type Database, openDatabase } from './db/database.ts';
export type { Schema } from './db/schema.ts';
// A caller to drive the API with: a user, a global role, a token.
export { createToken } from './db/stores/api-tokens.ts';
// What the benchmarks read back to measure.
export { getEnvironmentType } from './db/stores/environment-types.ts';
export { countDeliveries, emitNotification } from './db/stores/notifications.ts';
export { listReleases } from './db/stores/releases.ts';
export { ensureGlobalRole } from './db/stores/role-bindings.ts';
export { ensureUser, getUserByUsername } from './db/stores/users.ts';
// The engine on its own, with a sampler of the bench's (bench/verify counts its queries).
export { DeployEngine } from './engine/engine.ts';
export type { CheckSampler, SampleTarget } from './engine/verify.ts';
export { type AppDeps, buildApp } from './http/app.ts';
export { reuseConnections } from './kube/connection-reuse.ts';
export { watchCollection } from './kube/watch.ts';
export { start } from './main.ts';
export { NotificationDispatcher } from './notifications/dispatcher.ts';
export { NotificationService } from './notifications/service.ts';
