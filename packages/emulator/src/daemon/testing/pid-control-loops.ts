// Stand-in control loops for supervisor.test.ts: one listener whose every
// connection is answered with this process's pid, through the real SupervisorLink.
import { SupervisorLink } from '../supervisor-link.js';

const link = new SupervisorLink(process);
const orders = await link.awaitOrders();
const port = await link.listen('127.0.0.1', 0, 'test');
link.take(port, (socket) => {
  socket.once('data', () => socket.end(`HTTP/1.1 200 OK\r\nconnection: close\r\ncontent-length: ${String(process.pid).length}\r\n\r\n${process.pid}`));
});
process.on('SIGTERM', () => void link.stopping().then(() => process.exit(0)));
process.on('disconnect', () => process.exit(0));
await link.ready();
process.send?.({ kind: 'test-serving', port, restart: orders.restart });
