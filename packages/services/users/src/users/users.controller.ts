import { Controller, Get, Header, UseFilters } from '@nestjs/common';
import { UpstreamErrorFilter } from '@ecs-twin/service-kit';
import { UsersService } from './users.service.js';

// Content types are those the Go service sent: Go sniffs text/plain for w.Write
// (also for the relayed JSON body) and sets application/json only on /users.
const TEXT = 'text/plain; charset=utf-8';

@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Header('Content-Type', TEXT)
  root(): string {
    return this.users.banner();
  }

  @Get('users')
  @Header('Content-Type', 'application/json')
  list(): string {
    return this.users.usersJson();
  }

  /** Service Connect check: `curl LB:8000/service-products`. Upstream failures -> 500 + error text. */
  @Get('service-products')
  @Header('Content-Type', TEXT)
  @UseFilters(UpstreamErrorFilter)
  serviceProducts(): Promise<string> {
    return this.users.productsFromUpstream();
  }
}
