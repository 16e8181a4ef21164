/** What the UI knows about its API key: the key it sends, and whether the server asked for one. */
export interface ApiKeyState {
  /** The key sent as `Authorization: Bearer`; undefined when none was entered. */
  key: string | undefined;
  /** True after a 401: the UI shows the key form instead of the page. */
  needed: boolean;
  /** The server's message with the last 401, when a key was sent and refused. */
  refusal: string | undefined;
}

/** The part of the Web Storage API the key store uses (sessionStorage in the browser). */
export type KeyStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const storageItem = "sightline.apiKey";

/**
 * Keeps the UI's API key in a storage and tells subscribers (the layout) when it changes or is refused.
 *
 * @example
 * const store = createApiKeyStore(sessionStorage);
 * store.set("slk_...");
 * store.headers(); // { authorization: "Bearer slk_..." }
 */
export function createApiKeyStore(storage: KeyStorage | undefined) {
  let state: ApiKeyState = {
    key: storage?.getItem(storageItem) ?? undefined,
    needed: false,
    refusal: undefined,
  };
  const listeners = new Set<() => void>();
  const update = (next: ApiKeyState) => {
    state = next;
    for (const listener of listeners) listener();
  };
  return {
    /** The current state; the same object until it changes (as useSyncExternalStore needs). */
    snapshot: (): ApiKeyState => state,
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** The header to add to an API request: none without a key. */
    headers: (): Record<string, string> => (state.key ? { authorization: `Bearer ${state.key}` } : {}),
    /** Sends `key` from now on. */
    set(key: string): void {
      storage?.setItem(storageItem, key);
      update({ key, needed: false, refusal: undefined });
    },
    /** The server answered 401 to a request sent with `sentKey`: drop that key and ask for one. */
    refused(sentKey: string | undefined, message: string): void {
      // A 401 to a request sent before the user entered a new key says nothing about the new key.
      if (sentKey !== state.key) return;
      if (sentKey !== undefined) storage?.removeItem(storageItem);
      update({ key: undefined, needed: true, refusal: sentKey === undefined ? undefined : message });
    },
    /** A key the server refused before it was adopted: the form stays, with the server's `message`. */
    rejected(message: string): void {
      update({ ...state, needed: true, refusal: message });
    },
    /** Signs out: the key is forgotten and the form shows again. */
    forget(): void {
      storage?.removeItem(storageItem);
      update({ key: undefined, needed: true, refusal: undefined });
    },
  };
}

/** The store type, for components that take one. */
export type ApiKeyStore = ReturnType<typeof createApiKeyStore>;

// sessionStorage, not localStorage: the key is a bearer secret (an admin key can move aliases), so it is
// dropped when the tab closes instead of staying on a shared or lost machine. Storage may be missing (tests
// in Node) or throw (disabled by the browser's privacy settings); the key then lives only in memory.
function sessionStorageOrNone(): KeyStorage | undefined {
  try {
    return globalThis.sessionStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * The UI's one key store, used by getJson and sendJson.
 *
 * @example
 * apiKey.set(input.value);
 */
export const apiKey: ApiKeyStore = createApiKeyStore(sessionStorageOrNone());
