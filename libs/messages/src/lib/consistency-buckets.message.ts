import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  RECOUNT_BUCKET_COUNT,
  RecountBucketV1,
  ReportedSigningStatisticsPageRequestV1,
  ReportedSigningStatisticsPageV1,
  SourceBucketRecountRequestV1,
  SourceRecountBucketsV1,
} from './consistency-buckets';
import { CONSISTENCY_FIGURE_NAMES, ConsistencyFigureV1, ConsistencySourceV1 } from './statistics-consistency';
import { ReportedSigningStatistics } from './signing-statistics-comparison.message';
import { SourceRecountRequest } from './statistics-consistency.message';
import { FieldRule } from './validation/field-rule';
import { statisticsDateReason, statisticsRegionReason } from './statistics.message';

/**
 * The bucketed recount's messages (consistency-buckets.ts): each source validates step 2's request with
 * SourceBucketRecountRequest (step 1 takes SourceRecountRequest), and the alerts service validates the
 * step 1 reply with SourceRecountBuckets (step 2's reply with SourceRecount).
 */

const SOURCES: ConsistencySourceV1[] = ['permits', 'presale', 'escrow', 'contracts'];
const BUCKET_RULE = { message: `须为 0 至 ${RECOUNT_BUCKET_COUNT - 1} 的整数 (bucket 0–${RECOUNT_BUCKET_COUNT - 1})` };
const COUNT_RULE = { message: '须为非负整数 (non-negative integer)' };

export class SourceBucketRecountRequest extends SourceRecountRequest implements SourceBucketRecountRequestV1 {
  @IsArray({ message: '须为桶号数组 (array of buckets)' })
  @ArrayMinSize(1, { message: '至少一个桶 (at least one bucket)' })
  @ArrayMaxSize(RECOUNT_BUCKET_COUNT, {
    message: `至多 ${RECOUNT_BUCKET_COUNT} 个桶 (at most ${RECOUNT_BUCKET_COUNT})`,
  })
  @ArrayUnique({ message: '桶号不得重复 (buckets must be unique)' })
  @IsInt({ each: true, ...BUCKET_RULE })
  @Min(0, { each: true, ...BUCKET_RULE })
  @Max(RECOUNT_BUCKET_COUNT - 1, { each: true, ...BUCKET_RULE })
  buckets!: number[];
}

export class RecountBucket implements RecountBucketV1 {
  @IsIn(CONSISTENCY_FIGURE_NAMES) figure!: ConsistencyFigureV1;
  @IsInt(BUCKET_RULE) @Min(0, BUCKET_RULE) @Max(RECOUNT_BUCKET_COUNT - 1, BUCKET_RULE) bucket!: number;
  @IsInt(COUNT_RULE) @Min(1, COUNT_RULE) projects!: number;
  @IsInt(COUNT_RULE) @Min(1, COUNT_RULE) total!: number;
  @IsString() @Matches(/^[0-9a-f]{32}$/) fingerprint!: string;
}

/** A source's step 1 reply. */
export class SourceRecountBuckets implements SourceRecountBucketsV1 {
  @IsIn(SOURCES) source!: ConsistencySourceV1;
  @FieldRule('statisticsRegionCode', statisticsRegionReason) regionCode!: string;
  @FieldRule('statisticsAsOf', (v) => statisticsDateReason(v)) asOf!: string;
  @IsIn([RECOUNT_BUCKET_COUNT]) bucketCount!: number;
  @IsArray()
  @ArrayMaxSize(RECOUNT_BUCKET_COUNT * CONSISTENCY_FIGURE_NAMES.length)
  @ValidateNested({ each: true })
  @Type(() => RecountBucket)
  buckets!: RecountBucket[];
}

/** A page request of the reported signing statistics (the cursor as the previous page gave it). */
export class ReportedSigningStatisticsPageRequest
  extends SourceRecountRequest
  implements ReportedSigningStatisticsPageRequestV1
{
  @IsOptional()
  @IsString({ message: "须为上一页的 next (the previous page's next)" })
  @Matches(/^43[0-9]{4}\|[0-9]{4}-[0-9]{2}\|[0-9]{18}-[YZ][0-9]{2}$/, {
    message: "须为上一页的 next (the previous page's next)",
  })
  after?: string;
}

/** A page of the reported signing statistics, validated by the alerts service. */
export class ReportedSigningStatisticsPage
  extends ReportedSigningStatistics
  implements ReportedSigningStatisticsPageV1
{
  @IsOptional() @IsString() next!: string | null;
}
