import { systemClock, type Clock } from '../clock/index.js';
import { findVegeta } from './find-vegeta.js';
import { LiveStats, type LiveFigures } from './live-stats.js';
import { openLoopAttack } from './open-loop-attack.js';
import type { StressReport } from './stress-report.js';
import { vegetaAttack } from './vegeta-attack.js';
import { TwinError } from '@ecs-twin/manifest/twin-error';

export interface StressOptions {
  /** The listener, e.g. `http://127.0.0.1:8000`. */
  readonly url: string;
  /** Requests per second (vegeta's default). @default 50 */
  readonly rate?: number;
  /** @default 120 (the tutorial's -duration=120s) */
  readonly durationSeconds?: number;
  /** @default "/stress-test" */
  readonly path?: string;
  /** Per-request timeout (vegeta's default). @default 30 */
  readonly timeoutSeconds?: number;
  /** Called every second with the live figures. */
  readonly onTick?: (figures: LiveFigures) => void;
  /** The service's running task count, shown on the live line. */
  readonly taskCount?: () => Promise<number>;
  /** "auto" uses vegeta when installed, else the built-in open-loop client ("node"). @default "auto" */
  readonly tool?: 'auto' | 'vegeta' | 'node';
  /** Explicit vegeta binary. @default found on $VEGETA_BIN, PATH or $(go env GOPATH)/bin */
  readonly vegetaBin?: string;
  /** Told when vegeta is missing and the built-in client runs instead, and when that client could not hold the rate. */
  readonly onNotice?: (message: string) => void;
  readonly signal?: AbortSignal;
  readonly clock?: Clock;
}

export class VegetaNotFoundError extends TwinError {
  override readonly name = 'VegetaNotFoundError';
  constructor() {
    super('run the attack with vegeta: vegeta is not installed', {
      hints: ['go install github.com/tsenart/vegeta/v12@latest', 'or run with --tool node (the built-in open-loop client)'],
    });
  }
}

/** The tutorial's attack against the local ALB, with a live line every second and vegeta's report. */
export async function runStress(options: StressOptions): Promise<StressReport> {
  const clock = options.clock ?? systemClock;
  const rate = options.rate ?? 50;
  const durationSeconds = options.durationSeconds ?? 120;
  const timeoutSeconds = options.timeoutSeconds ?? 30;
  const target = new URL(options.path ?? '/stress-test', options.url).toString();
  const tool = options.tool ?? 'auto';
  const bin = tool === 'node' ? undefined : (options.vegetaBin ?? findVegeta());
  if (tool === 'vegeta' && !bin) throw new VegetaNotFoundError();
  if (!bin && tool === 'auto') {
    options.onNotice?.('vegeta not found ($VEGETA_BIN, PATH, $(go env GOPATH)/bin): using the built-in open-loop client (node) instead');
  }

  const live = new LiveStats(clock.now());
  let taskCount: number | undefined;
  const ticker = setInterval(() => {
    options.taskCount?.().then(
      (n) => (taskCount = n),
      () => undefined,
    );
    options.onTick?.(live.figures(clock.now(), taskCount));
  }, 1000);
  try {
    const common = { target, rate, durationSeconds, timeoutSeconds, onResult: live.add.bind(live), signal: options.signal };
    return bin ? await vegetaAttack({ ...common, bin }) : await openLoopAttack({ ...common, onNotice: options.onNotice });
  } finally {
    clearInterval(ticker);
  }
}
