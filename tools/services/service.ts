/** A provisioned service as tests see it: the value of its env variable, and how to let it go. */
export interface Service {
  value: string;
  stop(): Promise<void>;
}

export const reused = (value: string): Service => ({ value, stop: async () => {} });
