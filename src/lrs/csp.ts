/**
 * The page's base policy (index.html) lets the app reach any https origin and localhost, because
 * which LRS a programme uses is only known at run time. Once it is known, a second policy narrows
 * `connect-src` to this origin and the LRS's: a browser enforces every policy it is given, so the
 * two together allow only what both allow. A policy cannot be loosened afterwards, so pointing the
 * trainer at another LRS origin needs a reload (the Programme panel does it).
 */
const MARK = 'data-lrs-csp';

export function lrsOrigins(urls: readonly string[]): string[] {
  return [...new Set(urls.map((url) => new URL(url).origin))];
}

/** The origins the page's narrowing policy allows besides 'self', or null when none is in force. */
export function narrowedOrigins(doc: Document = document): string[] | null {
  const meta = doc.head.querySelector<HTMLMetaElement>(`meta[${MARK}]`);
  return meta ? (meta.getAttribute(MARK) ?? '').split(' ').filter(Boolean) : null;
}

/**
 * Adds the narrowing policy for these LRS URLs (endpoint, cmi5 fetch URL). Returns false when a
 * narrower policy for other origins is already in force, so the caller must reload to apply it.
 */
export function narrowConnectSrc(urls: readonly string[], doc: Document = document): boolean {
  const origins = lrsOrigins(urls);
  const current = narrowedOrigins(doc);
  if (current) return origins.every((origin) => current.includes(origin));
  const meta = doc.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = `connect-src 'self' ${origins.join(' ')}`;
  meta.setAttribute(MARK, origins.join(' '));
  doc.head.appendChild(meta);
  return true;
}
