import 'reflect-metadata';
import { runService } from '@ecs-twin/service-kit';
import { AppModule } from './app.module.js';

// SERVICE_PRODUCTS: base URL of the products service (the tutorial's variable), e.g. http://products:3000.
runService({ service: 'users', upstreamEnv: 'SERVICE_PRODUCTS', appModule: (config) => AppModule.forRoot(config) });
