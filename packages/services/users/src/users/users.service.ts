import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig, UpstreamClient } from '@ecs-twin/service-kit';
import { USERS } from './users.data.js';

@Injectable()
export class UsersService {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly upstream: UpstreamClient,
  ) {}

  banner(): string {
    return `service users version ${this.config.apiVersion}`;
  }

  /** Byte-for-byte what Go's json.NewEncoder(w).Encode(users) wrote: compact JSON plus a newline. */
  usersJson(): string {
    return JSON.stringify(USERS) + '\n';
  }

  /** The products service's `/products` body, unchanged. */
  productsFromUpstream(): Promise<string> {
    return this.upstream.getText('/products');
  }
}
