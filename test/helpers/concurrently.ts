/**
 * Runs `fn` over `list`, `n` calls at a time (each with the item's index, so results can be kept in order).
 * For test work that waits on the database most of its time: several calls overlap those waits.
 */
export async function eachConcurrently<T>(
  list: readonly T[],
  n: number,
  fn: (x: T, i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const i = next++;
      await fn(list[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(n, list.length)) }, worker));
}
