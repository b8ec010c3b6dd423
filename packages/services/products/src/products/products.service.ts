import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig, UpstreamClient } from '@ecs-twin/service-kit';
import { PRODUCTS } from './products.data.js';

@Injectable()
export class ProductsService {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly upstream: UpstreamClient,
  ) {}

  banner(): string {
    return `service products API version ${this.config.apiVersion}`;
  }

  /** Byte-for-byte what Go's json.NewEncoder(w).Encode(products) wrote: compact JSON plus a newline. */
  productsJson(): string {
    return JSON.stringify(PRODUCTS) + '\n';
  }

  /** The users service's `/users` body, unchanged. */
  usersFromUpstream(): Promise<string> {
    return this.upstream.getText('/users');
  }
}
