import { WebSocketServer } from 'ws';

/** The load check's baseline: a bare `ws` server that echoes every message, nothing else. */
const server = new WebSocketServer({ port: Number(process.env.PORT), host: '127.0.0.1' });
server.on('connection', (ws) => ws.on('message', (data) => ws.send(data.toString())));
server.on('listening', () => process.stdout.write('{"message":"function ready"}\n'));
