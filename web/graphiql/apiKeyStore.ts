const STORAGE_KEY = 'longhaul.apiKey';

/**
 * The API key GraphiQL sends, kept for this browser tab only (sessionStorage, not localStorage: a key is a secret).
 * A link `…/graphiql#key=<key>` sets it and the fragment is removed from the address bar at once.
 */
export const apiKeyStore = {
  /** The key from the link's `#key=` fragment, else the one stored for this tab. */
  initial(): string | undefined {
    const fromLink = new URLSearchParams(location.hash.slice(1)).get('key');
    if (fromLink !== null && fromLink !== '') {
      history.replaceState(null, '', location.pathname + location.search);
      this.save(fromLink);
      return fromLink;
    }
    return sessionStorage.getItem(STORAGE_KEY) ?? undefined;
  },
  save(key: string | undefined): void {
    if (key === undefined || key === '') sessionStorage.removeItem(STORAGE_KEY);
    else sessionStorage.setItem(STORAGE_KEY, key);
  },
};
