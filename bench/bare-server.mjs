import { createServer } from 'node:http';

// The baseline: the least a Node HTTP process can do before its first response. Plain JavaScript, so it
// pays no TypeScript stripping, like the bundles the image ships.
createServer((_req, res) => res.end('ok')).listen(Number(process.env.PORT));
