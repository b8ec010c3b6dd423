// DockerPushEngine over dockerode: tag, then push with the registry login,
// relaying the engine's per-layer progress.
import { imageRef } from '@ecs-twin/manifest';
import Docker from 'dockerode';
import type { DockerPushEngine, ProgressFn } from './image-publisher.js';

interface PushEvent {
  status?: string;
  id?: string;
  progress?: string;
  error?: string;
  errorDetail?: { message?: string };
}

export class DockerodePushEngine implements DockerPushEngine {
  constructor(private readonly docker: Docker = new Docker()) {}

  async tag(source: string, repository: string, tag: string): Promise<void> {
    await this.docker.getImage(source).tag({ repo: repository, tag });
  }

  async platformOf(ref: string): Promise<string> {
    const info = await this.docker.getImage(ref).inspect();
    return `${info.Os}/${info.Architecture}`;
  }

  async push(repository: string, tag: string, auth: { username: string; password: string; serveraddress: string }, onProgress: ProgressFn): Promise<void> {
    const stream = await this.docker.getImage(imageRef({ repository, tag })).push({ tag, authconfig: auth });
    let failure: string | undefined;
    let last = '';
    await new Promise<void>((resolve, reject) => {
      this.docker.modem.followProgress(
        stream,
        (err: Error | null) => (err ? reject(err) : resolve()),
        (e: PushEvent) => {
          if (e.error || e.errorDetail) failure = e.errorDetail?.message ?? e.error;
          const line = [e.id, e.status, e.progress].filter(Boolean).join(' ');
          // Layer progress bars update many times a second: report status changes only.
          if (e.status && line !== last && !e.progress) onProgress(line);
          last = line;
        },
      );
    });
    if (failure) throw new Error(failure);
  }
}
