// Typed errors of the load balancer. Messages read "{what}: {why}"; the ones a
// user can act on carry hints (printed by the CLI after the message).
import { TwinError } from '@ecs-twin/manifest/twin-error';

/** A listener could not bind because something else holds the port. */
export class ListenerPortInUseError extends TwinError {
  override readonly name = 'ListenerPortInUseError';

  constructor(
    readonly port: number,
    readonly host: string,
    options?: ErrorOptions,
  ) {
    super(`start listener ${host}:${port}: the port is already in use`, {
      cause: options?.cause,
      hints: [
        `Find what holds it: \`lsof -iTCP:${port} -sTCP:LISTEN\` (or \`ss -ltnp | grep :${port}\`), and stop it.`,
        `Or change the port in stack.yaml: loadBalancer.listeners[].port (currently ${port}).`,
      ],
    });
  }
}

/** A call named a target group the stack does not define. */
export class UnknownTargetGroupError extends TwinError {
  override readonly name = 'UnknownTargetGroupError';

  constructor(
    readonly targetGroupName: string,
    readonly known: readonly string[],
  ) {
    super(`target group ${targetGroupName}: not defined in loadBalancer.targetGroups (defined: ${known.join(', ') || 'none'})`);
  }
}

/** A health-check matcher that is not "200", "200-299" or "200,302" with codes in 200-499. */
export class InvalidMatcherError extends TwinError {
  override readonly name = 'InvalidMatcherError';

  constructor(
    readonly matcher: string,
    why: string,
  ) {
    super(`health check matcher ${JSON.stringify(matcher)}: ${why}`);
  }
}
