import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, ConnectionDrain, type ServiceConfig } from '@ecs-twin/service-kit';
import { HealthModule } from './health/index.js';
import { ProductsModule } from './products/index.js';

@Module({})
export class AppModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), ProductsModule, HealthModule],
      providers: [ConnectionDrain],
    };
  }
}
