import { Controller, Get, Inject } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '../config/index.js';

/** Target-group health check (stack.yaml: healthCheck.path /health). Not in the tutorial, which checked `/`. */
@Controller('health')
export class HealthController {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  @Get()
  health(): { status: 'ok'; version: string } {
    return { status: 'ok', version: this.config.apiVersion };
  }
}
