// Bundled by bundle.test.ts with the emulator's bundle recipe, then run: which of
// dockerode's optional dependencies are loaded when it loads, and after a call
// that needs ssh2 (an ssh:// engine on a closed port of 127.0.0.1).
import Docker from 'dockerode';
import { createRequire } from 'node:module';

const optional = () => Object.keys(createRequire(import.meta.url).cache).filter((file) => /[\\/](ssh2|@grpc|protobufjs)[\\/]/.test(file)).length;
const atLoad = optional();
const docker = new Docker({ protocol: 'ssh', host: '127.0.0.1', port: Number(process.argv[2]), username: 'nobody' });
const sshError = await docker.ping().then(
  () => 'answered',
  (error) => String(error?.message ?? error),
);
console.log(JSON.stringify({ atLoad, afterSshCall: optional(), sshError }));
