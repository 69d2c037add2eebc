// The functions-framework baseline: its documented hello world, served by its own CLI (Express and all).
require('@google-cloud/functions-framework').http('hello', (_req, res) => res.send('ok'));
