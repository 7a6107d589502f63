import { Module } from '@nestjs/common';
import { IntegratorsService } from './integrators.service';

@Module({ providers: [IntegratorsService], exports: [IntegratorsService] })
export class IntegratorsModule {}
