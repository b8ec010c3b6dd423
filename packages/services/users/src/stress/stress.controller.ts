import { Controller, Get, Header } from '@nestjs/common';
import { StressService } from './stress.service.js';

@Controller('stress-test')
export class StressController {
  constructor(private readonly stress: StressService) {}

  @Get()
  @Header('Content-Type', 'text/plain; charset=utf-8')
  run(): string {
    this.stress.run();
    return 'Stress test completed';
  }
}
