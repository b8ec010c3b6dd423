// A request handler for the real SDK v3 clients that answers with recorded AWS
// HTTP responses instead of the network, so the SDK's own serializers, error
// parsing and retries run (aws-sdk-client-mock skips all three).
import { Readable } from 'node:stream';
import { AwsClients, type AwsConfig } from '../aws/clients.js';

export interface RecordedResponse {
  readonly status: number;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface SeenRequest {
  readonly host: string;
  /** `X-Amz-Target` (JSON protocols) or `Action` (query protocols). */
  readonly operation: string;
  readonly body: string;
}

/** Query-protocol (XML) error body, as ELBv2, IAM and STS send it. */
export function queryError(code: string, message: string, namespace = 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/'): RecordedResponse {
  return {
    status: 400,
    headers: { 'content-type': 'text/xml' },
    body: `<ErrorResponse xmlns="${namespace}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>4d3c2b1a-0000-4000-8000-000000000000</RequestId></ErrorResponse>`,
  };
}

/** EC2's error body (its own query dialect). */
export function ec2Error(code: string, message: string): RecordedResponse {
  return {
    status: 400,
    headers: { 'content-type': 'text/xml;charset=UTF-8' },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>5e4d3c2b-0000-4000-8000-000000000000</RequestID></Response>`,
  };
}

/** awsJson1_1 error body (ECS, Cloud Map, Application Auto Scaling, Logs, ECR). */
export function jsonError(type: string, message: string, status = 400): RecordedResponse {
  return { status, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'r-1' }, body: JSON.stringify({ __type: type, message }) };
}

export function jsonOk(body: unknown): RecordedResponse {
  return { status: 200, headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'r-1' }, body: JSON.stringify(body) };
}

export function recordedHandler(answer: (request: SeenRequest) => RecordedResponse, seen: SeenRequest[] = []) {
  return {
    async handle(request: { hostname: string; headers: Record<string, string>; body?: unknown }) {
      const body = typeof request.body === 'string' ? request.body : request.body instanceof Uint8Array ? Buffer.from(request.body).toString() : '';
      const target = request.headers['x-amz-target'] ?? request.headers['X-Amz-Target'];
      const operation = target ? target.split('.').pop()! : new URLSearchParams(body).get('Action') ?? '';
      const req = { host: request.hostname, operation, body };
      seen.push(req);
      const r = answer(req);
      return {
        response: {
          statusCode: r.status,
          reason: '',
          headers: { 'x-amzn-requestid': 'r-1', ...(r.headers ?? {}) },
          body: Readable.from([Buffer.from(r.body)]),
        },
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs() { return {}; },
  };
}

/** Real clients whose every call is answered by `answer`; one attempt, so a retryable error shows at once. */
export function recordedClients(answer: (request: SeenRequest) => RecordedResponse, seen: SeenRequest[] = [], config: Partial<AwsConfig> = { maxAttempts: 1 }): AwsClients {
  return new AwsClients({
    region: 'us-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    ...config,
    requestHandler: recordedHandler(answer, seen) as never,
  });
}
