import { Body, Controller, Get, Header, Param, Patch, Post, Query, UseInterceptors } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Principal } from '@hn/messages';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { CurrentPrincipal, RequireRoles } from '../auth/auth.decorators';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { RegistryEntryInput, RegistryEntryPatch, RegistryListQuery } from './dto/integration-registry-input.dto';
import { RegistryEntryDto, RegistryListDto } from './dto/integration-registry-responses.dto';
import {
  RegistryEntryPipe,
  RegistryIdPipe,
  RegistryPatchPipe,
  RegistryQueryPipe,
  Validated,
} from './integration-registry-inputs';
import { registryCsv } from './integration-registry-csv';
import { RegistryChange, IntegrationRegistryService } from './integration-registry.service';

const ID_PARAM = { name: 'entryId', format: 'uuid', example: '5b0e7c1a-2d3f-4a5b-8c6d-7e8f9a0b1c2d' };

function audited(change: RegistryChange): RegistryEntryDto {
  return {
    ...change.entry,
    audit: { before: change.before, after: change.entry, target: `entryId=${change.entry.id}` },
  } as RegistryEntryDto;
}

/**
 * 附件3 预售许可取号对接工作责任表: the province records, per city, the vendor (技术单位) its counties use,
 * the vendor's technicians, credential and 联调 state (once per vendor), and the city's office and contact.
 */
@ApiTags('对接责任表 Integration registry')
@ApiBearerAuth()
@UseInterceptors(AuditInterceptor)
@Controller('api/v1/admin/integration-registry')
export class IntegrationRegistryController {
  constructor(private readonly registry: IntegrationRegistryService) {}

  @Get()
  @RequireRoles('PROVINCE', 'ADMIN')
  @ApiOperation({
    summary: '对接责任表 List the integration registry',
    description:
      '按市州、技术单位排序；可按 cityCode、vendorCreditCode 筛选。手机号脱敏，持 pii:read 者（staff:grant-pii）为明文。\n\n' +
      'Sorted by city and vendor; phone numbers masked unless the reader holds pii:read.',
  })
  @ApiOkResponse({ type: RegistryListDto })
  @ApiProblems(401, 403, 422, 429)
  async list(
    @Query(RegistryQueryPipe) query: Validated<RegistryListQuery>,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RegistryListDto> {
    return { items: await this.registry.list(principal, query) };
  }

  @Get('export.csv')
  @RequireRoles('PROVINCE', 'ADMIN')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="integration-registry.csv"')
  @ApiOperation({
    summary: '导出对接责任表（CSV）Export the registry as CSV',
    description: '附件3 的列顺序，UTF-8 带 BOM，Excel 可直接打开；筛选同列表。Columns of 附件3, UTF-8 with BOM.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'text/csv; charset=utf-8', schema: { type: 'string' } })
  @ApiProblems(401, 403, 422, 429)
  async export(
    @Query(RegistryQueryPipe) query: Validated<RegistryListQuery>,
    @CurrentPrincipal() principal: Principal,
  ): Promise<string> {
    return registryCsv(await this.registry.list(principal, query));
  }

  @Get(':entryId')
  @RequireRoles('PROVINCE', 'ADMIN')
  @ApiOperation({ summary: '对接责任表记录 Read one entry' })
  @ApiParam(ID_PARAM)
  @ApiOkResponse({ type: RegistryEntryDto })
  @ApiProblems(401, 403, 404, 422, 429)
  get(
    @Param('entryId', RegistryIdPipe) id: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RegistryEntryDto> {
    return this.registry.get(principal, id);
  }

  @Post()
  @RequireRoles('ADMIN')
  @ApiOperation({
    summary: '登记市州的技术单位 Register a city’s vendor',
    description:
      '一个市州对同一技术单位只有一条记录（409 VENDOR_ALREADY_REGISTERED）；技术单位按统一社会信用代码识别，名称与技术人员以最近一次登记为准，各市州共用。县市区须为现行代码且属本市州。\n\n' +
      'One entry per city and vendor; the vendor (by credit code) is shared by every city using it; counties must be in force and inside the city.',
  })
  @ApiBody({ type: RegistryEntryInput })
  @ApiCreatedResponse({ type: RegistryEntryDto })
  @ApiProblems(401, 403, 409, 422, 429)
  async create(
    @Body(RegistryEntryPipe) body: Validated<RegistryEntryInput>,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RegistryEntryDto> {
    return audited(await this.registry.create(principal, body));
  }

  @Patch(':entryId')
  @RequireRoles('ADMIN')
  @ApiOperation({
    summary: '修改记录、登记联调 Change an entry, record the 联调',
    description:
      '可改县市区、处室、联系人；technicians、clientId、integration 属技术单位，一次修改对所有使用它的市州生效。clientId 须覆盖该技术单位全部市州的全部县市区（一个凭据覆盖其全部区划）；integration.technician 须为登记的技术人员。\n\n' +
      'technicians, clientId and integration belong to the vendor: one change for every city using it. The credential must cover every county of the vendor.',
  })
  @ApiParam(ID_PARAM)
  @ApiBody({ type: RegistryEntryPatch })
  @ApiOkResponse({ type: RegistryEntryDto })
  @ApiProblems(401, 403, 404, 422, 429)
  async update(
    @Param('entryId', RegistryIdPipe) id: string,
    @Body(RegistryPatchPipe) body: Validated<RegistryEntryPatch>,
    @CurrentPrincipal() principal: Principal,
  ): Promise<RegistryEntryDto> {
    return audited(await this.registry.update(principal, id, body));
  }
}
