import 'reflect-metadata';
import { runService } from '@ecs-twin/service-kit';
import { AppModule } from './app.module.js';

// SERVICE_USERS: base URL of the users service (the tutorial's variable), e.g. http://users:3000.
runService({ service: 'products', upstreamEnv: 'SERVICE_USERS', appModule: (config) => AppModule.forRoot(config) });
