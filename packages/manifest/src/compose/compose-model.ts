// The subset of the Compose specification we generate; plain data, in output key order.

export interface ComposeFile {
  readonly version: '2.4';
  readonly services: Record<string, ComposeService>;
  readonly networks: Record<string, ComposeNetwork>;
}

export interface ComposeService {
  readonly image: string;
  readonly build?: { readonly context: string; readonly dockerfile: string };
  readonly environment?: Record<string, string>;
  readonly cpus: number;
  readonly mem_limit: string;
  readonly stop_grace_period: string;
  readonly entrypoint?: readonly string[];
  readonly command?: readonly string[];
  readonly restart: 'unless-stopped' | 'no';
  readonly healthcheck?: ComposeHealthCheck;
  readonly ports?: readonly string[];
  /** Absent on a task's sidecars: they use `network_mode: service:<main>`. */
  readonly networks?: Record<string, { readonly aliases?: readonly string[] }>;
  readonly network_mode?: string;
  readonly depends_on?: readonly string[];
  readonly labels: Record<string, string>;
}

export interface ComposeHealthCheck {
  readonly test: readonly string[];
  readonly interval: string;
  readonly timeout: string;
  readonly retries: number;
  readonly start_period: string;
}

export interface ComposeNetwork {
  readonly labels: Record<string, string>;
}
