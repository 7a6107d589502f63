import { Inject, Injectable } from '@nestjs/common';
import { CloudEvent } from '@hn/messages';
import { EventContext } from '@hn/eventing';
import { EntityManager } from 'typeorm';
import { AlertEvaluator, EvaluationOutcome } from '../alerts/alert-evaluator.service';
import { ALERTS_CLOCK, Clock } from '../clock/clock';
import { ReadModelProjector } from './read-model.projector';

/** One event in one transaction: the read models first, then the rules for what it touched. */
@Injectable()
export class AlertProjection {
  constructor(
    private readonly projector: ReadModelProjector,
    private readonly evaluator: AlertEvaluator,
    @Inject(ALERTS_CLOCK) private readonly clock: Clock,
  ) {}

  async handle(
    event: CloudEvent<unknown>,
    m: EntityManager,
    context?: Partial<EventContext>,
  ): Promise<EvaluationOutcome> {
    const keys = await this.projector.apply(event, m);
    const at = Number.isNaN(Date.parse(event.time)) ? this.clock.now() : new Date(event.time);
    return this.evaluator.evaluate(m, keys, {
      cause: { kind: 'EVENT', eventId: event.id, eventType: event.type },
      at,
      now: this.clock.now(),
      ...(context?.correlationId ? { correlationId: context.correlationId } : {}),
    });
  }
}
