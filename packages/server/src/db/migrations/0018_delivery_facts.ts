/**
 * The delivery facts (docs/analytics.md "What is read"): one narrow row per applied release
 * (healthy, degraded or failed, finished) holding what the DORA figures need of it, decided once
 * instead of on every query: whether it is a change, its lead time, the gap to the next applied
 * release of its service and environment and whether that one is a rollback, and the outage it
 * begins or ends. A query then aggregates these rows in SQL and reads back a few numbers per
 * week or group, not tens of thousands of releases (100,000 releases: see docs/benchmarks.md).
 *
 * The database keeps the rows exact itself: a trigger on `releases` recomputes, after any insert,
 * delete or change of a release's status, finish time, rollback or commit time, the facts of its
 * service and environment from the last healthy release before it on (nothing earlier depends on
 * a later release). So every path that writes releases (the engine, approvals expiring,
 * environments deleted, histories seeded in tests) keeps them, and they are backfilled here.
 *
 * Times are kept as whole milliseconds since the epoch (double precision holds them exactly), as
 * JavaScript's Dates have them, so durations and medians come out bit for bit as the core's.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table delivery_facts (
    release_id uuid primary key references releases (id) on delete cascade,
    service_id uuid not null,
    environment_id uuid not null,
    number integer not null,
    finished_at timestamptz not null,
    healthy boolean not null,
    -- Not a rollback.
    is_change boolean not null,
    -- A healthy release with a commit time: finished − commit in ms, at least 0.
    lead_ms double precision,
    -- The next applied release of the same service and environment, if any.
    next_at timestamptz,
    next_gap_ms double precision,
    next_is_rollback boolean,
    -- A failed or degraded release after a healthy one (or first): an outage begins.
    begins_outage boolean not null,
    -- On the release beginning an outage: when the healthy release that ended it finished.
    outage_ended_at timestamptz,
    -- On the healthy release ending an outage: the outage's length in ms.
    restore_ms double precision
  )`.execute(db);
  await sql`create index delivery_facts_window_idx on delivery_facts (environment_id, finished_at)`.execute(db);
  await sql`create index delivery_facts_outage_idx on delivery_facts (environment_id, finished_at)
    where begins_outage`.execute(db);
  await sql`create function delivery_ms(t timestamptz) returns double precision language sql stable
    as $$ select floor(extract(epoch from t) * 1000)::double precision $$`.execute(db);
  await sql.raw(refreshFunction).execute(db);
  await sql.raw(followFunction).execute(db);
  await sql.raw(forgetFunction).execute(db);
  await sql`create trigger releases_delivery_facts_insert after insert on releases
    for each row execute function delivery_facts_follow()`.execute(db);
  await sql`create trigger releases_delivery_facts_change after update on releases for each row
    when ((old.status, old.finished_at, old.rollback_of, old.commit_time, old.number, old.service_id, old.environment_id)
      is distinct from
      (new.status, new.finished_at, new.rollback_of, new.commit_time, new.number, new.service_id, new.environment_id))
    execute function delivery_facts_follow()`.execute(db);
  // Once per statement: deleting an environment deletes all its releases, one refresh each would
  // walk the same history over and over.
  await sql`create trigger releases_delivery_facts_delete after delete on releases
    referencing old table as gone for each statement execute function delivery_facts_forget()`.execute(db);
  // Backfill: every service and environment from its first release.
  await sql`select delivery_facts_refresh(p.service_id, p.environment_id, null, null)
    from (select distinct service_id, environment_id from releases
          where status in ('healthy', 'degraded', 'failed') and finished_at is not null) p`.execute(db);
}

/**
 * delivery_facts_refresh(service, environment, at, number): recomputes the facts of the
 * service's applied releases in the environment from the last healthy release before position
 * (at, number) on; a null `at`: all of them. That healthy release keeps whether it ended an
 * outage (decided by releases before it) and gets its next release anew; the rows after it are
 * computed anew, and only those that differ are written (most often: the new release, and the
 * one before it gets its next), so the table does not fill with dead rows where nothing vacuums
 * (PGlite). Releases are walked by finish time, ties by number, as the core walks them.
 *
 * Outages: `run` counts the healthy releases before a release, so an outage's failed and degraded
 * releases and the healthy release ending it share a run; its first failure is the run's
 * earliest unhealthy finish and its end the run's healthy one.
 */
const refreshFunction = `
create function delivery_facts_refresh(p_service uuid, p_environment uuid, p_at timestamptz, p_number integer)
returns void language plpgsql as $fn$
declare
  cut_id uuid;
  cut_at timestamptz;
  cut_number integer;
begin
  -- One refresh of a service at a time: a second one waits for the first's transaction to end
  -- and then, each statement reading anew, sees its release. A row lock, not an advisory one, so
  -- a statement touching thousands of services does not fill the lock table; NO KEY UPDATE does
  -- not hold up the foreign-key checks of releases being written.
  perform 1 from services where id = p_service for no key update;
  if p_at is not null then
    select r.id, r.finished_at, r.number into cut_id, cut_at, cut_number from releases r
     where r.service_id = p_service and r.environment_id = p_environment and r.status = 'healthy'
       and r.finished_at is not null and (r.finished_at, r.number) < (p_at, p_number)
     order by r.finished_at desc, r.number desc limit 1;
  end if;
  with tail as (
    select r.id, r.number, r.finished_at, r.status = 'healthy' as healthy, r.rollback_of is null as is_change,
           case when r.status = 'healthy' and r.commit_time is not null
                then greatest(0, delivery_ms(r.finished_at) - delivery_ms(r.commit_time)) end as lead_ms,
           lead(r.finished_at) over w as next_at,
           lead(r.rollback_of is not null) over w as next_is_rollback,
           coalesce(lag(r.status = 'healthy') over w, true) as after_healthy,
           count(*) filter (where r.status = 'healthy') over (w rows between unbounded preceding and 1 preceding) as run
      from releases r
     where r.service_id = p_service and r.environment_id = p_environment
       and r.status in ('healthy', 'degraded', 'failed') and r.finished_at is not null
       and (cut_id is null or (r.finished_at, r.number) >= (cut_at, cut_number))
    window w as (order by r.finished_at, r.number)
  ), runs as (
    select t.*,
           min(t.finished_at) filter (where not t.healthy) over (partition by t.run) as outage_began_at,
           min(t.finished_at) filter (where t.healthy) over (partition by t.run) as outage_ended_at
      from tail t
  ), gone as (
    delete from delivery_facts f
     where f.service_id = p_service and f.environment_id = p_environment
       and (cut_id is null or (f.finished_at, f.number) > (cut_at, cut_number))
       and f.release_id not in (select r.id from runs r)
  ), kept as (
    update delivery_facts f
       set next_at = r.next_at, next_gap_ms = delivery_ms(r.next_at) - delivery_ms(r.finished_at),
           next_is_rollback = r.next_is_rollback
      from runs r
     where r.id = cut_id and f.release_id = r.id
       and (f.next_at, f.next_is_rollback) is distinct from (r.next_at, r.next_is_rollback)
  )
  insert into delivery_facts (release_id, service_id, environment_id, number, finished_at, healthy, is_change,
                              lead_ms, next_at, next_gap_ms, next_is_rollback, begins_outage, outage_ended_at,
                              restore_ms)
  select r.id, p_service, p_environment, r.number, r.finished_at, r.healthy, r.is_change,
         r.lead_ms, r.next_at, delivery_ms(r.next_at) - delivery_ms(r.finished_at), r.next_is_rollback,
         not r.healthy and r.after_healthy,
         case when not r.healthy and r.after_healthy then r.outage_ended_at end,
         case when r.healthy and r.outage_began_at is not null
              then delivery_ms(r.finished_at) - delivery_ms(r.outage_began_at) end
    from runs r
   where cut_id is null or r.id <> cut_id
  on conflict (release_id) do update
     set (number, finished_at, healthy, is_change, lead_ms, next_at, next_gap_ms, next_is_rollback, begins_outage,
          outage_ended_at, restore_ms)
       = (excluded.number, excluded.finished_at, excluded.healthy, excluded.is_change, excluded.lead_ms,
          excluded.next_at, excluded.next_gap_ms, excluded.next_is_rollback, excluded.begins_outage,
          excluded.outage_ended_at, excluded.restore_ms)
   where (delivery_facts.number, delivery_facts.finished_at, delivery_facts.healthy, delivery_facts.is_change,
          delivery_facts.lead_ms, delivery_facts.next_at, delivery_facts.next_gap_ms, delivery_facts.next_is_rollback,
          delivery_facts.begins_outage, delivery_facts.outage_ended_at, delivery_facts.restore_ms)
         is distinct from
         (excluded.number, excluded.finished_at, excluded.healthy, excluded.is_change, excluded.lead_ms,
          excluded.next_at, excluded.next_gap_ms, excluded.next_is_rollback, excluded.begins_outage,
          excluded.outage_ended_at, excluded.restore_ms);
end
$fn$`;

/** The row triggers' body: refreshes the service and environment of the release before and after. */
const followFunction = `
create function delivery_facts_follow() returns trigger language plpgsql as $fn$
begin
  if tg_op = 'UPDATE' and old.status in ('healthy', 'degraded', 'failed') and old.finished_at is not null then
    perform delivery_facts_refresh(old.service_id, old.environment_id, old.finished_at, old.number);
  end if;
  if tg_op in ('INSERT', 'UPDATE') and new.status in ('healthy', 'degraded', 'failed') and new.finished_at is not null then
    perform delivery_facts_refresh(new.service_id, new.environment_id, new.finished_at, new.number);
  end if;
  return null;
end
$fn$`;

/**
 * The delete trigger's body: each service and environment that lost applied releases, from before
 * the earliest of them (the smallest finish time and number: a cut at or before every one).
 */
const forgetFunction = `
create function delivery_facts_forget() returns trigger language plpgsql as $fn$
declare
  place record;
begin
  for place in
    select g.service_id, g.environment_id, min(g.finished_at) as at, min(g.number) as number from gone g
     where g.status in ('healthy', 'degraded', 'failed') and g.finished_at is not null
     group by g.service_id, g.environment_id
  loop
    perform delivery_facts_refresh(place.service_id, place.environment_id, place.at, place.number);
  end loop;
  return null;
end
$fn$`;

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger releases_delivery_facts_change on releases`.execute(db);
  await sql`drop trigger releases_delivery_facts_delete on releases`.execute(db);
  await sql`drop trigger releases_delivery_facts_insert on releases`.execute(db);
  await sql`drop function delivery_facts_forget()`.execute(db);
  await sql`drop function delivery_facts_follow()`.execute(db);
  await sql`drop function delivery_facts_refresh(uuid, uuid, timestamptz, integer)`.execute(db);
  await sql`drop function delivery_ms(timestamptz)`.execute(db);
  await sql`drop table delivery_facts`.execute(db);
}
