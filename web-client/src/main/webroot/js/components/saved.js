// Small values a view keeps in this browser across reloads (the phone's chosen tab, a note typed and not yet
// sent), in localStorage as JSON. Storage may be missing, full or disabled (privacy modes): then nothing is
// kept and nothing fails.

function storage() {
  try {
    return globalThis.localStorage || null;
  } catch {
    return null;
  }
}

/** The value stored under key, or fallback when there is none or it cannot be read. */
export function loadSaved(key, fallback = null) {
  const s = storage();
  if (!s) return fallback;
  try {
    const raw = s.getItem(key);
    return raw === null ? fallback : JSON.parse(raw);
  } catch {
    return fallback;
  }
}

/** Stores value under key; null or undefined removes the key. */
export function save(key, value) {
  const s = storage();
  if (!s) return;
  try {
    if (value === null || value === undefined) s.removeItem(key);
    else s.setItem(key, JSON.stringify(value));
  } catch {
    // quota or privacy mode: kept for this page only
  }
}
