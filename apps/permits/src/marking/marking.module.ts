import { Module } from '@nestjs/common';
import { MarkingController } from './marking.controller';
import { MarkingCorrectionService } from './marking-correction.service';
import { MarkingQueryService } from './marking-query.service';
import { MarkingStepsService } from './marking-steps.service';
import { MarkingSubmitService } from './marking-submit.service';
import { MarkingRepository } from './marking.repository';

/** 存量预售项目标记 (staff): list / batch / withdraw / submit / correct over NATS. DataSource, NATS and PERMITS_CONFIG are global. */
@Module({
  controllers: [MarkingController],
  providers: [
    MarkingRepository,
    MarkingQueryService,
    MarkingStepsService,
    MarkingSubmitService,
    MarkingCorrectionService,
  ],
  // the approval workflow publishes hn.permits.project.typed.v1 through the same producer
  exports: [MarkingRepository],
})
export class MarkingModule {}
