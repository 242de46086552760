/**
 * Provisioner files read again without a restart: all or nothing (a bad file keeps the
 * provisioners in use), and a reload asked of one replica reaches the others on one
 * PostgreSQL through LISTEN/NOTIFY.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SlipwayError } from '@slipway/core';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { ProvisionerFiles, type ReloadOutcome } from '../../src/provisioners/files.ts';
import { type ProvisionedDatabase, provisionTestDatabase } from '../harness/databases.ts';

const staticRedis = (id: string) => `
- id: ${id}
  kind: static
  match: { type: redis }
  outputs: { host: ${id.replace('/', '-')}.internal }
`;

const ids = (files: ProvisionerFiles) => files.current.map((p) => p.id);

/**
 * The next reload outcome the files report, whatever starts it. The watch holds the process
 * open no more than the server's other work does, so the wait's own deadline holds it here.
 */
const nextReload = (files: ProvisionerFiles) =>
  new Promise<ReloadOutcome | SlipwayError>((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error('no reload within 20 s')), 20_000);
    const stop = files.onReload((outcome) => {
      clearTimeout(deadline);
      stop();
      resolve(outcome);
    });
  });

describe('provisioner files reload', () => {
  let dir: string;
  let file: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'slipway-provisioners-'));
    file = join(dir, 'platform.provisioners.yaml');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is all or nothing: a bad file keeps the provisioners in use and the error', async () => {
    writeFileSync(file, staticRedis('acme/one'));
    const files = new ProvisionerFiles([file]);
    assert.deepEqual(ids(files), ['acme/one']);
    assert.equal(files.reload().changed, false, 'unchanged bytes are a no-op');

    writeFileSync(file, '- id: acme/two\n  kind: static\n');
    assert.throws(
      () => files.reload(),
      (e: SlipwayError) => e.fields?.some((f) => f.path.startsWith('/0')) === true,
    );
    assert.deepEqual(ids(files), ['acme/one']);
    assert.match(files.state.lastError?.message ?? '', /platform\.provisioners\.yaml/);

    writeFileSync(file, staticRedis('acme/two'));
    assert.equal(files.reload().changed, true);
    assert.deepEqual(ids(files), ['acme/two']);
    assert.equal(files.state.lastError, null);
    await files.close();
  });

  it('reads the file again when it is replaced on disk, as an editor or kubelet does', async () => {
    writeFileSync(file, staticRedis('acme/one'));
    const files = new ProvisionerFiles([file]);
    files.watch();
    const reloaded = nextReload(files);
    // Written beside, then renamed over the file: the way ConfigMap volumes and most editors update.
    writeFileSync(join(dir, '.tmp'), staticRedis('acme/three'));
    renameSync(join(dir, '.tmp'), file);
    const outcome = await reloaded;
    assert.ok(!(outcome instanceof SlipwayError), String(outcome));
    assert.deepEqual(ids(files), ['acme/three']);
    await files.close();
  });
});

describe('a reload reaches every replica on one PostgreSQL', () => {
  let provisioned: ProvisionedDatabase;
  const handles: Database[] = [];
  let dir: string;
  before(async () => {
    provisioned = await provisionTestDatabase('postgres', { migrated: true });
    for (let i = 0; i < 2; i++) handles.push(await openDatabase(provisioned.config));
    dir = mkdtempSync(join(tmpdir(), 'slipway-provisioners-'));
  });
  after(async () => {
    for (const h of handles) await h.close();
    await provisioned?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('replica B reloads when replica A is asked to', async () => {
    const file = join(dir, 'shared.provisioners.yaml');
    writeFileSync(file, staticRedis('acme/one'));
    const [a, b] = [new ProvisionerFiles([file]), new ProvisionerFiles([file])];
    const [pubA, pubB] = handles.map((h) => h.pubsub);
    assert.ok(pubA && pubB, 'PostgreSQL has pub/sub');
    await a.share(pubA);
    await b.share(pubB);
    writeFileSync(file, staticRedis('acme/two'));
    const heardByB = nextReload(b);
    const outcome = await a.reloadEverywhere(pubA);
    assert.equal(outcome.changed, true);
    const onB = await heardByB;
    assert.ok(!(onB instanceof SlipwayError) && onB.changed, 'B read the file again');
    assert.deepEqual(ids(b), ['acme/two']);
    await a.close();
    await b.close();
  });
});
