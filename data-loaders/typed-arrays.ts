/**
 * A copy of `a`, of its class, with room for at least `need` values (twice its length when that is more):
 * how the reused typed buffers of the stages and the packer grow.
 */
export function grown<T extends Uint8Array | Int32Array | Float64Array>(a: T, need: number): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}
