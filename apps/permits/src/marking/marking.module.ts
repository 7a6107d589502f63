import { DynamicModule, Module } from '@nestjs/common';
import { PermitsConfig } from '../config/permits.config';
import { MarkingController } from './marking.controller';
import { MarkingCorrectionService } from './marking-correction.service';
import { MarkingQueryService } from './marking-query.service';
import { MarkingStepsService } from './marking-steps.service';
import { MarkingSubmitService } from './marking-submit.service';
import { PERMITS_CONFIG } from './marking.tokens';

/** 存量预售项目标记 (staff): list / batch / withdraw / submit / correct over NATS. DataSource and NATS come from the global PersistenceModule. */
@Module({})
export class MarkingModule {
  static register(config: PermitsConfig): DynamicModule {
    return {
      module: MarkingModule,
      controllers: [MarkingController],
      providers: [{ provide: PERMITS_CONFIG, useValue: config }, MarkingQueryService, MarkingStepsService, MarkingSubmitService, MarkingCorrectionService],
    };
  }
}
