import { spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../testing/free-port.ts';

/** A redis-server of a test's own, which it may freeze: pausing the run's shared one would stall other test files. */
export interface PausableRedis {
  readonly url: string;
  /** Freezes the server (SIGSTOP): connections stay open and nothing answers, as on a hung node. */
  pause(): void;
  /** Lets a paused server run on (SIGCONT). */
  resume(): void;
  close(): Promise<void>;
}

const READY_TIMEOUT_MS = 10_000;

const answersPing = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' }, () => socket.write('PING\r\n'));
    socket.once('data', (reply) => (socket.destroy(), resolve(reply.toString().startsWith('+PONG'))));
    socket.once('error', () => resolve(false));
  });

/** redis-server (the Debian package the services profile installs) on a free port, in memory only. */
export async function startPausableRedis(): Promise<PausableRedis> {
  const port = await freePort();
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const exited = new Promise((resolve) => server.once('exit', resolve));
  // A test worker that dies without its afterAll must not leave a server behind.
  const killOnExit = (): void => void server.kill('SIGKILL');
  process.once('exit', killOnExit);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await answersPing(port))) {
    if (server.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server on ${port} did not become ready`);
    await sleep(50);
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    pause: () => void server.kill('SIGSTOP'),
    resume: () => void server.kill('SIGCONT'),
    async close() {
      server.kill('SIGCONT');
      server.kill('SIGTERM');
      await exited;
      process.off('exit', killOnExit);
    },
  };
}
