import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
  IsISO8601,
  ValidateIf,
} from 'class-validator';
import { IsPlainText } from '@hn/messages';
import { BuildingUnitDto } from './building-unit.dto';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Body of PUT /api/v1/approval/construction-permits/{permitNumber} (工改系统推送). */
export class UpsertPermitDto {
  @ApiProperty({ example: '2024-430223-70-03-012345', description: '工改项目编码' })
  @IsString()
  @IsPlainText({})
  @Matches(/^\d{4}-43\d{4}-\d{2}-\d{2}-\d{6}$/, { message: 'projectCode 格式应为 YYYY-43XXXX-NN-NN-NNNNNN' })
  projectCode!: string;

  @ApiProperty({ example: '锦绣星城三期（22#栋）' })
  @IsString()
  @IsPlainText({})
  @Length(1, 200)
  projectName!: string;

  @ApiProperty({ example: '430223' })
  @Matches(/^43\d{4}$/, { message: 'regionCode 须为湖南区划代码 43XXXX' })
  regionCode!: string;

  @ApiProperty({ example: 'PRESALE', enum: ['PRESALE', 'CURRENT_SALE', 'OTHER'], nullable: true })
  @ValidateIf((_o, v) => v !== null)
  @IsIn(['PRESALE', 'CURRENT_SALE', 'OTHER'])
  projectType!: 'PRESALE' | 'CURRENT_SALE' | 'OTHER' | null;

  @ApiProperty({ example: '社会投资房建类', required: false })
  @IsOptional()
  @IsString()
  @IsPlainText({})
  @Length(1, 50)
  category?: string;

  @ApiProperty({ example: '攸县锦绣置业有限公司' })
  @IsString()
  @IsPlainText({})
  @Length(1, 200)
  developerName!: string;

  @ApiProperty({ example: '91430223MA4Q0ABC1F', description: '统一社会信用代码（GB 32100 校验）' })
  @IsString()
  @IsPlainText({})
  @Matches(/^[0-9A-HJ-NPQRTUWXY]{18}$/, { message: 'developerCreditCode 须为 18 位统一社会信用代码' })
  developerCreditCode!: string;

  @ApiProperty({ example: '2024-06-20' })
  @Matches(ISO_DATE, { message: 'issueDate 须为 YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'issueDate 须为真实日期 (real date)' })
  issueDate!: string;

  @ApiProperty({ example: '2024-07-01', nullable: true })
  @ValidateIf((_o, v) => v !== null)
  @Matches(ISO_DATE, { message: 'startDate 须为 YYYY-MM-DD 或 null' })
  @IsISO8601({ strict: true })
  startDate!: string | null;

  @ApiProperty({ example: '2026-12-31', nullable: true })
  @ValidateIf((_o, v) => v !== null)
  @Matches(ISO_DATE, { message: 'plannedCompletionDate 须为 YYYY-MM-DD 或 null' })
  @IsISO8601({ strict: true })
  plannedCompletionDate!: string | null;

  @ApiProperty({ example: null, nullable: true, description: '五方责任主体验收日期' })
  @ValidateIf((_o, v) => v !== null)
  @Matches(ISO_DATE, { message: 'fivePartyAcceptanceDate 须为 YYYY-MM-DD 或 null' })
  @IsISO8601({ strict: true })
  fivePartyAcceptanceDate!: string | null;

  @ApiProperty({ example: null, nullable: true, description: '竣工验收备案日期' })
  @ValidateIf((_o, v) => v !== null)
  @Matches(ISO_DATE, { message: 'completionFilingDate 须为 YYYY-MM-DD 或 null' })
  @IsISO8601({ strict: true })
  completionFilingDate!: string | null;

  @ApiProperty({ type: [BuildingUnitDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => BuildingUnitDto)
  units!: BuildingUnitDto[];
}
