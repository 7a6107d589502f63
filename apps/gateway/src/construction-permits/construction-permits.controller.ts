import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Scopes } from '@hn/auth';
import {
  BuildingUnitV1,
  ConstructionPermitPageV1,
  ConstructionPermitV1,
  PageV1,
  PermitNumberBodyV1,
  PermitSearchQuery,
  Principal,
} from '@hn/messages';
import { CorrelationId, CurrentPrincipal, RequireScopes } from '../auth/auth.decorators';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ConstructionPermitsGatewayService } from './construction-permits.service';
import { PermitNumberPipe } from './permit-number.pipe';

const PERMIT_PARAM = {
  name: 'permitNumber',
  example: '430223202406200101',
  description: '18 位施工许可证编号 (RRRRRR YYYYMMDD SS CC)',
};

@ApiTags('施工许可 Construction permits')
@ApiBearerAuth()
@RequireScopes(Scopes.permitsRead)
@Controller('api/v1/construction-permits')
export class ConstructionPermitsController {
  constructor(private readonly permits: ConstructionPermitsGatewayService) {}

  @Get()
  @ApiOperation({ summary: '按项目名称查询施工许可证（部分匹配，分页）Search permits by project name' })
  @ApiOkResponse({ type: ConstructionPermitPageV1 })
  @ApiProblems(400, 401, 403, 429, 503)
  search(
    @CurrentPrincipal() principal: Principal,
    @Query() query: PermitSearchQuery,
    @CorrelationId() cid: string,
  ): Promise<PageV1<ConstructionPermitV1>> {
    return this.permits.search(
      principal,
      { projectName: query.projectName, page: query.page, pageSize: query.pageSize },
      cid,
    );
  }

  @Get(':permitNumber')
  @ApiOperation({ summary: '按编号查询施工许可证 Look up a construction permit by number' })
  @ApiParam(PERMIT_PARAM)
  @ApiOkResponse({ type: ConstructionPermitV1 })
  @ApiProblems(400, 401, 403, 404, 429, 503)
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('permitNumber', PermitNumberPipe) permit: PermitNumberBodyV1,
    @CorrelationId() cid: string,
  ): Promise<ConstructionPermitV1> {
    return this.permits.get(principal, permit, cid);
  }

  @Get(':permitNumber/units')
  @ApiOperation({ summary: '查询施工许可证的单体 List the building units of a permit' })
  @ApiParam(PERMIT_PARAM)
  @ApiOkResponse({ type: [BuildingUnitV1] })
  @ApiProblems(400, 401, 403, 404, 429, 503)
  units(
    @CurrentPrincipal() principal: Principal,
    @Param('permitNumber', PermitNumberPipe) permit: PermitNumberBodyV1,
    @CorrelationId() cid: string,
  ): Promise<BuildingUnitV1[]> {
    return this.permits.units(principal, permit, cid);
  }

  @Get(':permitNumber/e-license')
  @ApiOperation({ summary: '下载施工许可电子证照（PDF）Download the permit e-license (PDF)' })
  @ApiParam(PERMIT_PARAM)
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'PDF 文件',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiProblems(400, 401, 403, 404, 429, 503)
  async eLicense(
    @CurrentPrincipal() principal: Principal,
    @Param('permitNumber', PermitNumberPipe) permit: PermitNumberBodyV1,
    @CorrelationId() cid: string,
  ): Promise<StreamableFile> {
    const file = await this.permits.eLicense(principal, permit, cid);
    return new StreamableFile(file.content, {
      type: 'application/pdf',
      disposition: `inline; filename="${file.fileName}"`,
      length: file.content.length,
    });
  }
}
