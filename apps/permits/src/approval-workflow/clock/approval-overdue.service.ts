import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ApplicationOverdueEndedV1, ApplicationOverdueV1, ApprovalAction, ApprovalEvents } from '@hn/messages';
import { enqueueEvent } from '@hn/eventing';
import { DataSource, EntityManager } from 'typeorm';
import { PERMITS_CONFIG, PermitsConfig } from '../../config/permits.config';
import { PERMITS_EVENT_SOURCE } from '../../marking/marking-events';
import { ApprovalClockRepository } from '../approval-clock.repository';
import { ApplicationRow, ApprovalRepository } from '../approval.repository';
import { ApprovalClockService } from './approval-clock.service';

/**
 * 超时督办: a periodic sweep (PERMITS_OVERDUE_SWEEP_MS) finds open cases whose current stage turned
 * red and publishes hn.permits.application.overdue.v1 once per stage through the outbox; leaving
 * that stage publishes hn.permits.application.overdue-ended.v1 (in the transition's transaction).
 * Replicas may sweep at once: each case is re-read under its row lock, so it is published once.
 */
@Injectable()
export class ApprovalOverdueService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ApprovalOverdueService.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ApprovalRepository,
    private readonly clockRepository: ApprovalClockRepository,
    private readonly clock: ApprovalClockService,
    @Inject(PERMITS_CONFIG) private readonly config: PermitsConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.overdueSweepMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => 0);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.sweep();
    try {
      const published = await this.running;
      if (published > 0) this.logger.log(`overdue sweep: ${published} stage(s) turned red`);
    } catch (err) {
      this.logger.warn(`overdue sweep failed: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      this.running = null;
    }
  }

  /** One pass: every open case whose current stage is red and not yet published. Returns how many were published. */
  async sweep(): Promise<number> {
    const ids = await this.clockRepository.sweepCandidates(this.dataSource.manager, 2000);
    let published = 0;
    for (const id of ids) {
      // most cases are not red: looked at without a lock first, so the sweep never holds up the reviewers
      if (!(await this.redStage(this.dataSource.manager, id))) continue;
      const done = await this.dataSource.transaction(async (m) => {
        const red = await this.redStage(m, id, true);
        if (!red) return false;
        const { app, current, now } = red;
        await enqueueEvent<ApplicationOverdueV1>(m, {
          source: PERMITS_EVENT_SOURCE,
          type: ApprovalEvents.applicationOverdue,
          subject: id,
          data: {
            applicationId: id,
            projectCode: app.project_code,
            projectName: app.project_name,
            regionCode: app.region_code,
            stage: app.stage,
            committedDays: current.committedDays,
            statutoryDays: current.statutoryDays,
            elapsedDays: current.elapsedDays,
            overdueAt: now.toISOString(),
          },
        });
        await this.clockRepository.setOverdueStage(m, id, app.stage);
        return true;
      });
      if (done) published++;
    }
    return published;
  }

  /** The case's current stage when it is red and not yet published (the row locked when asked). */
  private async redStage(m: EntityManager, id: string, lock = false) {
    const app = await this.repository.application(m, id, lock);
    if (!app || app.stage === 'CLOSED' || app.overdue_stage === app.stage) return null;
    const history = (await this.repository.history(m, [id])).get(id) ?? [];
    const pauses = (await this.clockRepository.pauses(m, [id])).get(id) ?? [];
    const now = this.clock.now();
    const current = this.clock.compute(app.region_code, history, pauses, now).stages.find((s) => s.leftAt === null);
    if (!current || current.stage !== app.stage || current.level !== 'RED') return null;
    return { app, current, now };
  }

  /** In a transition's transaction: the case leaves a stage that was published overdue. */
  async stageLeft(m: EntityManager, app: ApplicationRow, action: ApprovalAction, at: Date): Promise<void> {
    if (app.overdue_stage === null || app.overdue_stage !== app.stage) return;
    await enqueueEvent<ApplicationOverdueEndedV1>(m, {
      source: PERMITS_EVENT_SOURCE,
      type: ApprovalEvents.applicationOverdueEnded,
      subject: app.application_id,
      data: {
        applicationId: app.application_id,
        regionCode: app.region_code,
        stage: app.stage,
        action,
        endedAt: at.toISOString(),
      },
    });
    await this.clockRepository.setOverdueStage(m, app.application_id, null);
  }
}
