import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, type ServiceConfig } from './config/index.js';
import { HealthModule } from './health/index.js';
import { ProductsModule } from './products/index.js';
import { ConnectionDrain } from './shutdown/index.js';

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
