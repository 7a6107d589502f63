import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { PublicPresaleSearchPageV1, Rpc, RpcPayload } from '@hn/messages';
import { RpcHandler } from '@hn/messaging';
import { PublicSearchService } from './public-search.service';

/** rpc.presale.public.search.v1 (public: the payload is the query itself, no principal). */
@Controller()
export class PublicSearchController {
  constructor(private readonly search: PublicSearchService) {}

  @RpcHandler(Rpc.publicSearch)
  find(@Payload() query: RpcPayload<typeof Rpc.publicSearch>): Promise<PublicPresaleSearchPageV1> {
    return this.search.search(query);
  }
}
