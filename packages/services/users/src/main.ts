// Before anything else loads: a stop while Nest is still loading must end the task (see boot-signals.ts).
import { exitOnStopWhileBooting } from '@ecs-twin/service-kit/boot-signals';

exitOnStopWhileBooting();
await import('./serve.js');
