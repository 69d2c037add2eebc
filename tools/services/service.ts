/** A provisioned service as tests see it: the value of its env variable, and how to let it go. */
export interface Service {
  value: string;
  /** What we started for it ("pid 1234", "container 1a2b3c"); undefined when it was already there. */
  started: string | undefined;
  stop(): Promise<void>;
}

/** A service someone else runs: we hand it to the tests and never stop it. */
export const reused = (value: string): Service => ({ value, started: undefined, stop: async () => {} });

export const TEST_DATABASE = "pilog_test";
