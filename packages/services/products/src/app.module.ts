import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, ConnectionDrain, HealthModule, type ServiceConfig } from '@ecs-twin/service-kit';
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
