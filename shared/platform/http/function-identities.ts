import type { Identify } from './identify.ts';

const identities = new Map<string, Identify>();

/** How each registered HTTP function identifies its callers; the edge asks before it reads any body. */
export const rememberIdentify = (functionName: string, identify: Identify): void => void identities.set(functionName, identify);

export const identifyOf = (functionName: string): Identify | undefined => identities.get(functionName);
