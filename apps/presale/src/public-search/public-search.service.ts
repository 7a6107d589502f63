import { Injectable } from '@nestjs/common';
import {
  PUBLIC_SEARCH_COUNT_CAP,
  PublicPresaleSearchItemV1,
  PublicPresaleSearchPageV1,
  PublicPresaleSearchQuery,
} from '@hn/messages';
import { regionName } from '@hn/numbering';
import { certificateKey } from '../issuance/local-certificate';
import { PublicSearchRepository, PublicSearchRow } from './public-search.repository';

/**
 * 预售许可证统一查询 (no login): the payload is validated again with the gateway's message class, so
 * a query sent straight over NATS gets the same 400 and field list. Only public rows, only public fields.
 */
@Injectable()
export class PublicSearchService {
  constructor(private readonly repository: PublicSearchRepository) {}

  /** `q` was validated with PublicPresaleSearchQuery by @RpcHandler (Rpc.publicSearch). */
  async search(q: PublicPresaleSearchQuery): Promise<PublicPresaleSearchPageV1> {
    const term = q.by === 'localCertificateNumber' ? certificateKey(q.q) : q.q;
    const { rows, counted } = await this.repository.search({
      by: q.by,
      term,
      page: q.page,
      pageSize: q.pageSize,
      countCap: PUBLIC_SEARCH_COUNT_CAP,
    });
    const capped = counted > PUBLIC_SEARCH_COUNT_CAP;
    return {
      items: rows.map(toItem),
      page: q.page,
      pageSize: q.pageSize,
      total: capped ? PUBLIC_SEARCH_COUNT_CAP : counted,
      ...(capped ? { totalIsLowerBound: true } : {}),
    };
  }
}

function toItem(r: PublicSearchRow): PublicPresaleSearchItemV1 {
  return {
    presaleNumber: r.presale_number,
    status: r.status,
    projectName: r.project_name,
    developerName: r.developer_name,
    address: r.address,
    regionCode: r.region_code,
    regionName: regionName(r.region_code) ?? r.region_code,
    issuingAuthority: r.issuing_authority,
    localCertificateNumber: r.local_certificate_number,
    issueDate: r.issue_date,
    verifyUrl: r.verify_url,
    verifyPath: `/V/${r.verify_url.slice(r.verify_url.lastIndexOf('/V/') + 3)}`,
  };
}
