import { createServer } from 'node:http';
import { createLogger } from '../../logging/logger.ts';
import { installGracefulShutdown } from '../graceful-shutdown.ts';

/** A server whose `/slow` takes SLOW_MS, to prove that SIGTERM lets requests in flight finish. */
const slowMs = Number(process.env.SLOW_MS ?? 1500);
const server = createServer((req, res) => {
  if (req.url === '/slow') setTimeout(() => res.end('finished'), slowMs);
  else res.end('fast');
});
installGracefulShutdown({
  server,
  logger: createLogger(),
  close: async () => {
    await new Promise((resolve) => setTimeout(resolve, 100));
    process.stdout.write('{"message":"pools closed"}\n');
  },
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ message: 'listening', port: typeof address === 'object' && address ? address.port : 0 })}\n`);
});
