import { Module } from '@nestjs/common';

/** Gateway routes of escrow (filled in by its feature). */
@Module({})
export class EscrowModule {}
