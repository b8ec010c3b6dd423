import { Controller, Get, Header, UseFilters } from '@nestjs/common';
import { UpstreamErrorFilter } from '@ecs-twin/service-kit';
import { ProductsService } from './products.service.js';

// Content types are those the Go service sent: Go sniffs text/plain for w.Write
// (also for the relayed JSON body) and sets application/json only on /products.
const TEXT = 'text/plain; charset=utf-8';

@Controller()
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Get()
  @Header('Content-Type', TEXT)
  root(): string {
    return this.products.banner();
  }

  @Get('products')
  @Header('Content-Type', 'application/json')
  list(): string {
    return this.products.productsJson();
  }

  /** Service Connect check: `curl LB:8001/service-users`. Upstream failures -> 500 + error text. */
  @Get('service-users')
  @Header('Content-Type', TEXT)
  @UseFilters(UpstreamErrorFilter)
  serviceUsers(): Promise<string> {
    return this.products.usersFromUpstream();
  }
}
