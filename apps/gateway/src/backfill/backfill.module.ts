import { Module } from '@nestjs/common';

/** Gateway routes of backfill (filled in by its feature). */
@Module({})
export class BackfillModule {}
