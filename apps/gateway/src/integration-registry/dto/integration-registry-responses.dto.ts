import { ApiProperty } from '@nestjs/swagger';
import { INTEGRATION_STATES, IntegrationState } from './integration-registry-input.dto';
import type { RegistryEntryView } from '../integration-registry-view';

class TechnicianDto {
  @ApiProperty({ example: '周工' }) name!: string;
  @ApiProperty({ example: '137****5678', description: '无 pii:read 时脱敏 masked without pii:read' }) phone!: string;
}

class VendorDto {
  @ApiProperty({ example: '湖南星辰软件有限公司' }) name!: string;
  @ApiProperty({ example: '91430100MA4L0ABC1M' }) creditCode!: string;
  @ApiProperty({ type: [TechnicianDto] }) technicians!: TechnicianDto[];
  @ApiProperty({
    example: 'hn_Ab3dE5fG7hJ9k',
    nullable: true,
    type: String,
    description: '对接凭据 the vendor’s credential',
  })
  clientId!: string | null;
}

class OfficeDto {
  @ApiProperty({ example: '房地产市场监管科' }) name!: string;
  @ApiProperty({ example: '刘科长' }) head!: string;
  @ApiProperty({ example: '136****5678' }) headPhone!: string;
}

class ContactDto {
  @ApiProperty({ example: '陈联络' }) name!: string;
  @ApiProperty({ example: '135****5678' }) phone!: string;
}

class IntegrationDto {
  @ApiProperty({ enum: INTEGRATION_STATES, example: 'SANDBOX_PASSED' }) state!: IntegrationState;
  @ApiProperty({ example: '联调测试通过' }) stateName!: string;
  @ApiProperty({ example: '2026-12-01', format: 'date', nullable: true, type: String }) sandboxPassedOn!: string | null;
  @ApiProperty({ example: '周工', nullable: true, type: String }) technician!: string | null;
  @ApiProperty({ example: null, format: 'date', nullable: true, type: String }) liveOn!: string | null;
  @ApiProperty({
    example: [],
    type: [String],
    description: '凭据未覆盖的县市区（无凭据时为全部）counties of the vendor its credential does not cover',
  })
  uncoveredCounties!: string[];
}

export class RegistryEntryDto implements RegistryEntryView {
  @ApiProperty({ format: 'uuid', example: '5b0e7c1a-2d3f-4a5b-8c6d-7e8f9a0b1c2d' }) id!: string;
  @ApiProperty({ example: '430200' }) cityCode!: string;
  @ApiProperty({ type: VendorDto }) vendor!: VendorDto;
  @ApiProperty({ example: ['430223', '430224'], type: [String] }) counties!: string[];
  @ApiProperty({
    example: ['430100'],
    type: [String],
    description: '使用同一技术单位的其他市州（由各市州记录得出）other cities using the vendor',
  })
  otherCities!: string[];
  @ApiProperty({ type: OfficeDto }) office!: OfficeDto;
  @ApiProperty({ type: ContactDto }) contact!: ContactDto;
  @ApiProperty({ type: IntegrationDto }) integration!: IntegrationDto;
  @ApiProperty({ example: 'admin' }) createdBy!: string;
  @ApiProperty({ example: '2026-12-08T03:00:00.000Z', format: 'date-time' }) createdAt!: string;
  @ApiProperty({ example: 'admin' }) updatedBy!: string;
  @ApiProperty({ example: '2026-12-08T03:00:00.000Z', format: 'date-time' }) updatedAt!: string;
}

export class RegistryListDto {
  @ApiProperty({ type: [RegistryEntryDto] }) items!: RegistryEntryDto[];
}
