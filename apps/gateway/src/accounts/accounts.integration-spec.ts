import { AccountChangedV1 } from '@hn/messages';
import { createServiceDataSource, runMigrationsLocked } from '@hn/persistence';
import { createTestDatabase } from '@hn/testing';
import { DataSource } from 'typeorm';
import { gatewayEntities } from '../gateway-entities';
import { IntegratorsService } from '../integrators/integrators.service';
import { gatewayMigrations } from '../migrations';
import { StaffAccountsRepository } from '../staff/staff-accounts.repository';
import { StaffAccountsService } from '../staff/staff-accounts.service';
import { AccountNotifier } from './account-events';
import { AccountStateCache } from './account-state.cache';
import { AccountStateRepository } from './account-state.repository';
import { IntegratorAdminService } from './integrator-admin.service';
import { StaffAdminRepository } from './staff-admin.repository';
import { StaffAdminService } from './staff-admin.service';

describe('account lifecycle (gateway database)', () => {
  let dataSource: DataSource;
  let drop: () => Promise<void>;
  const events: Array<Omit<AccountChangedV1, 'at'>> = [];
  const notifier: AccountNotifier = { accountChanged: async (e) => void events.push(e) };
  let integrators: IntegratorsService;
  let integratorAdmin: IntegratorAdminService;
  let staff: StaffAccountsService;
  let staffAdmin: StaffAdminService;
  let cache: AccountStateCache;

  beforeAll(async () => {
    const db = await createTestDatabase('it_gateway_accounts');
    drop = db.drop;
    dataSource = createServiceDataSource({
      serverUrl: db.serverUrl,
      database: db.name,
      entities: gatewayEntities,
      migrations: gatewayMigrations,
      poolSize: 12,
    });
    await dataSource.initialize();
    await runMigrationsLocked(dataSource);
    integrators = new IntegratorsService(dataSource);
    integratorAdmin = new IntegratorAdminService(dataSource, notifier);
    staff = new StaffAccountsService(new StaffAccountsRepository(dataSource), dataSource);
    staffAdmin = new StaffAdminService(
      dataSource,
      new StaffAdminRepository(dataSource),
      new StaffAccountsRepository(dataSource),
      notifier,
    );
    cache = new AccountStateCache(new AccountStateRepository(dataSource), { accountCacheTtlMs: 0 });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await drop?.();
  });

  beforeEach(() => void (events.length = 0));

  const newIntegrator = () => integrators.create({ name: '测试集成方', regions: ['430223'], scopes: ['permits:read'] });

  it('disables (token version bumped, event sent, no authentication), enables without reviving old tokens', async () => {
    const { clientId, clientSecret } = await newIntegrator();
    await expect(cache.accepts('integrator', clientId, 1)).resolves.toBe(true);
    const disabled = await integratorAdmin.disable(clientId);
    expect(disabled).toMatchObject({
      changed: true,
      before: { status: 'ACTIVE', tokenVersion: 1 },
      after: { status: 'DISABLED', tokenVersion: 2 },
    });
    expect(events).toEqual([{ kind: 'integrator', id: clientId, change: 'DISABLED' }]);
    await expect(cache.accepts('integrator', clientId, 1)).resolves.toBe(false);
    await expect(integrators.authenticate(clientId, clientSecret)).rejects.toMatchObject({
      problem: { code: 'INVALID_CLIENT' },
    });
    // already disabled: no change, no event, no second bump
    expect(await integratorAdmin.disable(clientId)).toMatchObject({ changed: false, account: { tokenVersion: 2 } });
    expect(events).toHaveLength(1);
    await integratorAdmin.enable(clientId);
    await expect(cache.accepts('integrator', clientId, 1)).resolves.toBe(false);
    await expect(cache.accepts('integrator', clientId, 2)).resolves.toBe(true);
    await expect(integrators.authenticate(clientId, clientSecret)).resolves.toMatchObject({
      clientId,
      tokenVersion: 2,
    });
  });

  it('rotates: both secrets during the overlap, then only the new one; overlap 0 stops the old at once', async () => {
    const { clientId, clientSecret } = await newIntegrator();
    const rotated = await integratorAdmin.rotateSecret(clientId, 1);
    expect(rotated.account.previousSecretValidUntil).not.toBeNull();
    await expect(integrators.authenticate(clientId, clientSecret)).resolves.toMatchObject({ clientId });
    await expect(integrators.authenticate(clientId, rotated.clientSecret)).resolves.toMatchObject({
      clientId,
      tokenVersion: 1,
    });
    await dataSource.query(
      `UPDATE integrator_client SET previous_secret_expires_at = now() - interval '1 ms' WHERE client_id = $1`,
      [clientId],
    );
    await expect(integrators.authenticate(clientId, clientSecret)).rejects.toMatchObject({
      problem: { code: 'INVALID_CLIENT' },
    });
    const again = await integratorAdmin.rotateSecret(clientId, 0);
    expect(again.account.previousSecretValidUntil).toBeNull();
    await expect(integrators.authenticate(clientId, rotated.clientSecret)).rejects.toMatchObject({
      problem: { code: 'INVALID_CLIENT' },
    });
    await expect(integrators.authenticate(clientId, again.clientSecret)).resolves.toMatchObject({ clientId });
    await expect(integratorAdmin.rotateSecret(clientId, 721)).rejects.toMatchObject({ problem: { status: 400 } });
    expect(JSON.stringify(await integratorAdmin.list())).not.toMatch(/scrypt|secretHash/);
  });

  it('sets and clears the own rate limit in the record, with an event; refuses invalid limits', async () => {
    const { clientId } = await newIntegrator();
    expect(await integrators.rateLimitOf(clientId)).toBeNull();
    expect(await integratorAdmin.setRateLimit(clientId, 3)).toMatchObject({
      changed: true,
      before: { rateLimitPerMinute: null },
      after: { rateLimitPerMinute: 3 },
    });
    expect(await integrators.rateLimitOf(clientId)).toBe(3);
    expect(events).toEqual([{ kind: 'integrator', id: clientId, change: 'RATE_LIMIT_CHANGED' }]);
    expect(await integratorAdmin.setRateLimit(clientId, 3)).toMatchObject({ changed: false });
    expect(events).toHaveLength(1);
    for (const bad of [0, -1, 1.5, 10_000_001])
      await expect(integratorAdmin.setRateLimit(clientId, bad)).rejects.toMatchObject({ problem: { status: 400 } });
    expect(await integratorAdmin.setRateLimit(clientId, null)).toMatchObject({ after: { rateLimitPerMinute: null } });
    expect(await integrators.rateLimitOf(clientId)).toBeNull();
  });

  it('deletes softly: refused, kept, never re-enabled; unknown ids are 404', async () => {
    const { clientId, clientSecret } = await newIntegrator();
    expect(await integratorAdmin.delete(clientId)).toMatchObject({
      changed: true,
      after: { status: 'DELETED', tokenVersion: 2 },
    });
    expect(await integratorAdmin.delete(clientId)).toMatchObject({ changed: false });
    await expect(integrators.authenticate(clientId, clientSecret)).rejects.toMatchObject({
      problem: { code: 'INVALID_CLIENT' },
    });
    await expect(integratorAdmin.enable(clientId)).rejects.toMatchObject({
      problem: { status: 409, code: 'ACCOUNT_DELETED' },
    });
    await expect(integratorAdmin.rotateSecret(clientId)).rejects.toMatchObject({
      problem: { code: 'ACCOUNT_DELETED' },
    });
    await expect(integratorAdmin.disable('hn_missing')).rejects.toMatchObject({
      problem: { status: 404, code: 'ACCOUNT_NOT_FOUND' },
    });
    expect((await integratorAdmin.list()).find((c) => c.clientId === clientId)?.status).toBe('DELETED');
    await expect(cache.accepts('integrator', clientId, 2)).resolves.toBe(false);
  });

  it('staff: disable, enable and delete change login and token acceptance', async () => {
    await staff.create({ username: 'life.cycle', password: 'Lifecycle2024', role: 'COUNTY', region: '430223' });
    await expect(staff.authenticate('life.cycle', 'Lifecycle2024')).resolves.toMatchObject({
      ok: true,
      tokenVersion: 1,
    });
    await staffAdmin.disable('life.cycle');
    await expect(staff.authenticate('life.cycle', 'Lifecycle2024')).resolves.toMatchObject({
      ok: false,
      reason: 'INVALID_CREDENTIALS',
    });
    await expect(cache.accepts('staff', 'life.cycle', 1)).resolves.toBe(false);
    await staffAdmin.enable('life.cycle');
    await expect(staff.authenticate('life.cycle', 'Lifecycle2024')).resolves.toMatchObject({
      ok: true,
      tokenVersion: 2,
    });
    await staffAdmin.delete('life.cycle');
    await expect(staff.authenticate('life.cycle', 'Lifecycle2024')).resolves.toMatchObject({
      ok: false,
      reason: 'INVALID_CREDENTIALS',
    });
    await expect(
      staff.create({ username: 'life.cycle', password: 'Lifecycle2025', role: 'COUNTY', region: '430223' }),
    ).rejects.toMatchObject({ problem: { code: 'STAFF_EXISTS' } });
    expect(events.map((e) => e.change)).toEqual(['DISABLED', 'ENABLED', 'DELETED']);
  });

  it('locks an unknown name after 5 failures exactly like a real one, atomically under concurrency', async () => {
    await staff.create({ username: 'real.name', password: 'Realname2024', role: 'COUNTY', region: '430223' });
    for (const username of ['real.name', 'ghost.name']) {
      const results = await Promise.all(Array.from({ length: 8 }, () => staff.authenticate(username, 'WrongPassw0rd')));
      const reasons = results.map((r) => (r.ok ? 'OK' : r.reason));
      // 8 at once: exactly 5 count (the 5th locks), the rest meet the lock
      expect(reasons.filter((r) => r === 'INVALID_CREDENTIALS').length).toBeGreaterThanOrEqual(5);
      const [row] = (await dataSource.query(
        `SELECT failed_logins, locked_until > now() AS locked FROM staff_login_failure WHERE username = $1`,
        [username],
      )) as Array<{ failed_logins: number; locked: boolean }>;
      expect(row).toEqual({ failed_logins: 5, locked: true });
      const after = await staff.authenticate(username, username === 'real.name' ? 'Realname2024' : 'WrongPassw0rd');
      expect(after).toMatchObject({ ok: false, reason: 'ACCOUNT_LOCKED' });
      expect((after as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(14 * 60);
    }
    // an expired lock starts the count again; success clears it
    await dataSource.query(
      `UPDATE staff_login_failure SET locked_until = now() - interval '1 second' WHERE username IN ('real.name', 'ghost.name')`,
    );
    await expect(staff.authenticate('real.name', 'Realname2024')).resolves.toMatchObject({ ok: true });
    await staff.authenticate('ghost.name', 'WrongPassw0rd');
    expect(
      await dataSource.query(
        `SELECT username, failed_logins, locked_until FROM staff_login_failure WHERE username IN ('real.name', 'ghost.name')`,
      ),
    ).toEqual([{ username: 'ghost.name', failed_logins: 1, locked_until: null }]);
    // stale counters are pruned
    await dataSource.query(`UPDATE staff_login_failure SET last_failure_at = now() - interval '2 days'`);
    await staff.pruneFailures();
    expect(await dataSource.query(`SELECT * FROM staff_login_failure`)).toEqual([]);
  });
});
