/** Polls until `found` holds or the time is up; answers whether it held. */
export async function eventually(found: () => Promise<boolean>, timeoutMs = 30_000, intervalMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await found()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
