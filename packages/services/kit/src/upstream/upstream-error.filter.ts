import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { UpstreamError } from './upstream-client.js';

/** The few Express response methods the filter uses (the services do not depend on @types/express). */
interface PlainTextResponse {
  status(code: number): this;
  set(field: string, value: string): this;
  send(body: string): this;
}

/** Answers like Go's http.Error: 500, text/plain, the error text and a newline. */
@Catch(UpstreamError)
export class UpstreamErrorFilter implements ExceptionFilter<UpstreamError> {
  catch(error: UpstreamError, host: ArgumentsHost): void {
    host
      .switchToHttp()
      .getResponse<PlainTextResponse>()
      .status(500)
      .set('Content-Type', 'text/plain; charset=utf-8')
      .set('X-Content-Type-Options', 'nosniff')
      .send(error.message + '\n');
  }
}
