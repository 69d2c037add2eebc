/**
 * Packages the image ships as real `node_modules` instead of bundling, each for a reason that was checked:
 * everything else is bundled into the per-function files.
 */
export interface RuntimePackage {
  readonly name: string;
  readonly why: string;
}

export const runtimePackages: readonly RuntimePackage[] = [
  {
    name: '@node-rs/argon2',
    why: 'native addon: loads a prebuilt .node binary for the running platform from an optional dependency (linux-arm64-gnu on a Pi)',
  },
  {
    name: '@node-rs/bcrypt',
    why: 'native addon like argon2: verifies the bcrypt hashes of guest comments imported from the original backend',
  },
];
