// A command line that prints one JSON document of `bytes` bytes on stdout, says
// "done" on stderr, and ends with exit code 3: through exitWhenFlushed ("flushed")
// or a bare process.exit ("exit"). An interval keeps the event loop busy, as a
// keep-alive socket or a child process would in a real command.
import { exitWhenFlushed, tolerateBrokenOutput } from '../finish.js';

const [mode, bytes] = [process.argv[2], Number(process.argv[3])];
tolerateBrokenOutput();
setInterval(() => undefined, 1000);
const rows = Array.from({ length: Math.ceil(bytes / 100) }, (_, i) => ({ row: i, text: 'x'.repeat(80) }));
process.stdout.write(`${JSON.stringify({ rows })}\n`);
process.stderr.write('done\n');
if (mode === 'exit') process.exit(3);
void exitWhenFlushed(3);
