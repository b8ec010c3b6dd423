import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, ConnectionDrain, HealthModule, type ServiceConfig } from '@ecs-twin/service-kit';
import { StressModule } from './stress/index.js';
import { UsersModule } from './users/index.js';

@Module({})
export class AppModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), UsersModule, StressModule, HealthModule],
      providers: [ConnectionDrain],
    };
  }
}
