import { provisionServices, type Provisioned } from "./provision.ts";

let provisioned: Provisioned | undefined;

/** Test workers are forked after this runs, so they inherit the variables set here. */
export async function setup(): Promise<void> {
  provisioned = await provisionServices();
  Object.assign(process.env, provisioned.env);
}

export async function teardown(): Promise<void> {
  await provisioned?.stop();
  provisioned = undefined;
}
