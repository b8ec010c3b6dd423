import { stepName } from './build-image.js';
import { ImageBuildError, LOG_TAIL_LINES, tail } from './errors.js';
import { formatImagesTable } from './images-table.js';

describe('stepName', () => {
  it('reads legacy and BuildKit step lines, and nothing else', () => {
    expect(stepName('Step 5/11 : COPY node_modules ./node_modules')).toBe('COPY node_modules ./node_modules');
    expect(stepName('[sha256:3e1f2] [4/5] COPY node_modules ./node_modules')).toBe('[4/5] COPY node_modules ./node_modules');
    expect(stepName('[sha256:3e1f2] exporting to image')).toBe('exporting to image');
    expect(stepName(' ---> Using cache')).toBeUndefined();
  });
});

describe('ImageBuildError', () => {
  it('keeps only the last lines of the log, in the message too', () => {
    const log = Array.from({ length: 50 }, (_, i) => `line ${i}`);
    const error = new ImageBuildError('service-users:v1', 'COPY failed', tail(log, LOG_TAIL_LINES));
    expect(error.logTail).toHaveLength(20);
    expect(error.logTail[0]).toBe('line 30');
    expect(error.message).toMatch(/^build image service-users:v1: COPY failed\n/);
    expect(error.message).toContain('line 49');
    expect(error.message).not.toContain('line 29\n');
  });
});

describe('formatImagesTable', () => {
  it('aligns service, image, size, cached and seconds', () => {
    const row = { service: 'users', repository: 'service-users', tag: 'v0.0.1', sizeBytes: 114_400_000, cached: true, seconds: 0.12, imageId: 'sha256:x', baseImage: 'b', contextHash: 'h' };
    expect(formatImagesTable([row]).split('\n')).toEqual([
      'SERVICE  IMAGE                 SIZE    CACHED  SECONDS',
      'users    service-users:v0.0.1  114 MB  yes     0.1',
    ]);
  });
});
