import { Controller, Get, Header, Req } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { StressService } from './stress.service.js';

@Controller('stress-test')
export class StressController {
  constructor(private readonly stress: StressService) {}

  @Get()
  @Header('Content-Type', 'text/plain; charset=utf-8')
  async run(@Req() request: IncomingMessage): Promise<string> {
    // A client that timed out (vegeta's 30 s) should not leave work queued behind it.
    const abandoned = new AbortController();
    request.socket.once('close', () => abandoned.abort());
    await this.stress.run(undefined, abandoned.signal);
    return 'Stress test completed';
  }
}
