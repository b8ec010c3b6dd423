import { Socket } from 'node:net';
import { ConnectTimeoutError, TargetEntry, connectWithTimeout } from './target-entry.js';

describe('connectWithTimeout', () => {
  it('destroys a connection that is not up in time with ConnectTimeoutError (the listener answers 504)', async () => {
    // A socket that never connects stands in for a target that never answers SYNs.
    const socket = connectWithTimeout({ host: '127.0.0.1', port: 9 }, 30, undefined, () => new Socket());
    const error = await new Promise<Error>((resolve) => socket.once('error', resolve));
    expect(error).toBeInstanceOf(ConnectTimeoutError);
    expect(error.message).toBe('connect to target 127.0.0.1:9: no connection within 30 ms');
    expect(socket.destroyed).toBe(true);
  });
});

describe('TargetEntry', () => {
  it('counts in-flight requests and wakes drain waiters at zero', async () => {
    const entry = new TargetEntry({ id: 't', host: '127.0.0.1', port: 1 });
    entry.requestStarted();
    entry.requestStarted();
    let idle = false;
    const waiting = entry.whenIdle().then(() => (idle = true));
    entry.requestFinished();
    await Promise.resolve();
    expect(idle).toBe(false);
    entry.requestFinished();
    await waiting;
    expect(idle).toBe(true);
    entry.close();
  });
});
