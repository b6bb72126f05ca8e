const STORAGE_KEY = 'longhaul.dashboard.apiKey';

/**
 * The API key the dashboard sends, kept in this browser's localStorage so an operator enters it once.
 * A link `…/dashboard#key=<key>` sets it and the fragment is removed from the address bar at once.
 */
export const apiKeyStore = {
  /** The key from the link's `#key=` fragment, else the stored one. */
  initial(): string | undefined {
    const fromLink = new URLSearchParams(location.hash.slice(1)).get('key');
    if (fromLink !== null && fromLink !== '') {
      history.replaceState(history.state, '', location.pathname + location.search);
      this.save(fromLink);
      return fromLink;
    }
    return localStorage.getItem(STORAGE_KEY) ?? undefined;
  },
  /** Stores `key`; `undefined` or empty forgets it. */
  save(key: string | undefined): void {
    if (key === undefined || key === '') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, key);
  },
};
