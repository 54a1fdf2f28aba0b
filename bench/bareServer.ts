import restify from 'restify';
import { benchPort, stopOnSignal } from './childLifecycle';

/**
 * Baseline target: the cheapest JSON POST restify can serve (body parsed, an id returned).
 * It bounds what any bot on this HTTP stack and machine could reach.
 */
const server = restify.createServer({ name: 'bench-bare', handleUncaughtExceptions: false });
server.use(restify.plugins.bodyParser());

let served = 0;
server.post('/echo', (_req, res, next) => {
  served += 1;
  res.send(200, { id: String(served) });
  next();
});
server.get('/healthz', (_req, res, next) => {
  res.send(200, { ok: true });
  next();
});

stopOnSignal(server);
server.listen(benchPort(), '127.0.0.1');
