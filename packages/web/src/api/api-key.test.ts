import { describe, expect, it } from "vitest";
import { createApiKeyStore, type KeyStorage } from "./api-key.js";

function memoryStorage(initial: Record<string, string> = {}): KeyStorage & { items: Map<string, string> } {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (name) => items.get(name) ?? null,
    setItem: (name, value) => void items.set(name, value),
    removeItem: (name) => void items.delete(name),
  };
}

describe("createApiKeyStore", () => {
  it("sends no header until a key is set, then a bearer header, kept in the storage", () => {
    const storage = memoryStorage();
    const store = createApiKeyStore(storage);
    expect(store.headers()).toEqual({});
    store.set("slk_abc");
    expect(store.headers()).toEqual({ authorization: "Bearer slk_abc" });
    expect([...storage.items.values()]).toEqual(["slk_abc"]);
    expect(createApiKeyStore(storage).headers()).toEqual({ authorization: "Bearer slk_abc" });
  });

  it("a 401 without a key asks for one without a refusal message", () => {
    const store = createApiKeyStore(memoryStorage());
    store.refused(undefined, "missing API key");
    expect(store.snapshot()).toEqual({ key: undefined, needed: true, refusal: undefined });
  });

  it("a refused key is dropped from memory and storage, with the server's message", () => {
    const storage = memoryStorage();
    const store = createApiKeyStore(storage);
    store.set("wrong");
    store.refused("wrong", "unknown API key");
    expect(store.snapshot()).toEqual({ key: undefined, needed: true, refusal: "unknown API key" });
    expect(storage.items.size).toBe(0);
    expect(store.headers()).toEqual({});
  });

  it("a key turned away before it was adopted keeps the form up with the message, storing nothing", () => {
    const storage = memoryStorage();
    const store = createApiKeyStore(storage);
    store.refused(undefined, "missing API key");
    store.rejected("API key 'feeder' has role 'ingest'; this call needs 'read'");
    expect(store.snapshot()).toEqual({
      key: undefined,
      needed: true,
      refusal: "API key 'feeder' has role 'ingest'; this call needs 'read'",
    });
    expect(storage.items.size).toBe(0);
  });

  it("a late 401 for a key already replaced leaves the new key alone", () => {
    const store = createApiKeyStore(memoryStorage());
    store.refused(undefined, "missing API key");
    store.set("new");
    store.refused(undefined, "missing API key");
    expect(store.snapshot()).toEqual({ key: "new", needed: false, refusal: undefined });
  });

  it("notifies subscribers on each change and keeps the snapshot object until then", () => {
    const store = createApiKeyStore(memoryStorage());
    let calls = 0;
    const unsubscribe = store.subscribe(() => {
      calls += 1;
    });
    const before = store.snapshot();
    expect(store.snapshot()).toBe(before);
    store.set("k1");
    store.forget();
    unsubscribe();
    store.set("k2");
    expect(calls).toBe(2);
  });

  it("forgetting the key removes it and shows the form again", () => {
    const storage = memoryStorage();
    const store = createApiKeyStore(storage);
    store.set("k");
    store.forget();
    expect(store.snapshot()).toEqual({ key: undefined, needed: true, refusal: undefined });
    expect(storage.items.size).toBe(0);
  });

  it("works without a storage (key in memory only)", () => {
    const store = createApiKeyStore(undefined);
    store.set("k");
    expect(store.headers()).toEqual({ authorization: "Bearer k" });
  });
});
