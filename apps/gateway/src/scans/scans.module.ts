import { Global, Module } from '@nestjs/common';
import { ScanUploadService } from './scan-upload.service';

/** Multipart scan uploads for staff routes (backfill, presale without permit, escrow, corrections). */
@Global()
@Module({ providers: [ScanUploadService], exports: [ScanUploadService] })
export class ScansModule {}
