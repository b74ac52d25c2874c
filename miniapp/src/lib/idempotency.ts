/**
 * A fresh `Idempotency-Key`: one per confirmation, kept while that confirmation is retried, so a
 * second tap or a lost answer never spends twice. Mini-program runtimes have no `crypto.randomUUID`;
 * time plus randomness is unique enough for one member's taps.
 */
export function newIdempotencyKey(): string {
  const random = () => Math.floor(Math.random() * 0x100000000).toString(36);
  return `${Date.now().toString(36)}-${random()}-${random()}`;
}
