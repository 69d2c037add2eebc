import { connect } from "node:net";
import { SetupError } from "./progress.ts";

export function portAnswers(port: number, host = "127.0.0.1", timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host, timeout: timeoutMs });
    const done = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.once("connect", () => done(true));
    socket.once("timeout", () => done(false));
    socket.once("error", () => done(false));
  });
}

/** A fixed port that is already taken means someone else's server, which we must neither use nor kill. */
export async function requireFreePorts(service: string, envVariable: string, ...ports: number[]): Promise<void> {
  for (const port of ports) {
    if (await portAnswers(port)) {
      throw new SetupError(
        `${service}: 127.0.0.1:${port} is already in use by a process this run did not start ` +
          `(another tools/services/up.ts?); stop it, or set ${envVariable} to use a running ${service}`,
      );
    }
  }
}
