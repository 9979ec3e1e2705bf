// A map keyed by namespace, then name: lookups with the strings objects already hold (their hashes cached), where a
// `namespace/name` key was a new string to build and hash on every read and write. The store's kind tables and the
// controllers' work queues use it.

export class NameMap<V> {
  private readonly byNamespace = new Map<string, Map<string, V>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(namespace: string, name: string): V | undefined {
    return this.byNamespace.get(namespace)?.get(name);
  }

  has(namespace: string, name: string): boolean {
    return this.byNamespace.get(namespace)?.has(name) ?? false;
  }

  /** Set the value under (namespace, name), replacing any. */
  set(namespace: string, name: string, value: V): void {
    let names = this.byNamespace.get(namespace);
    if (!names) this.byNamespace.set(namespace, (names = new Map()));
    if (!names.has(name)) this.count++;
    names.set(name, value);
  }

  /** Remove the value under (namespace, name); it, or undefined when there was none. */
  delete(namespace: string, name: string): V | undefined {
    const names = this.byNamespace.get(namespace);
    if (!names?.has(name)) return undefined;
    const value = names.get(name);
    names.delete(name);
    if (names.size === 0) this.byNamespace.delete(namespace);
    this.count--;
    return value;
  }

  /** Every value, grouped by namespace in the order namespaces first came, each in insertion order. */
  values(): V[] {
    const out: V[] = [];
    for (const names of this.byNamespace.values()) for (const v of names.values()) out.push(v);
    return out;
  }

  clear(): void {
    this.byNamespace.clear();
    this.count = 0;
  }
}
