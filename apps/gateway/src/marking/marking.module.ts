import { Module } from '@nestjs/common';

/** Gateway routes of marking (filled in by its feature). */
@Module({})
export class MarkingModule {}
