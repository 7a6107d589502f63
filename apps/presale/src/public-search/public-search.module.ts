import { Module } from '@nestjs/common';
import { PublicSearchController } from './public-search.controller';
import { PublicSearchRepository } from './public-search.repository';
import { PublicSearchService } from './public-search.service';

/** 预售许可证统一查询 (work plan task 7(3)): public search by unified number, local certificate number or project name. */
@Module({
  controllers: [PublicSearchController],
  providers: [PublicSearchRepository, PublicSearchService],
})
export class PublicSearchModule {}
