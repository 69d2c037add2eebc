import { createServer } from 'node:http';

/** The baseline: the least a Node HTTP process can do before its first response. */
createServer((_req, res) => res.end('ok')).listen(Number(process.env.PORT));
