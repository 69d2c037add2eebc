/**
 * Starts the test services and keeps them up until Ctrl-C, for running single test files or poking
 * at the services by hand: `node tools/services/up.ts`, then export the printed variables elsewhere.
 */
import { provisionServices } from "./provision.ts";
import { say, SetupError } from "./progress.ts";

try {
  const services = await provisionServices();
  console.log(Object.entries(services.env).map(([name, value]) => `export ${name}=${value}`).join("\n"));
  say("up; press Ctrl-C to stop");
  // Signal listeners alone do not keep Node running, and the services' processes are unref'd.
  const keepAlive = setInterval(() => {}, 1 << 30);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  clearInterval(keepAlive);
  await services.stop();
} catch (error) {
  if (!(error instanceof SetupError)) throw error;
  say(error.message);
  process.exitCode = 1;
}
