/**
 * The headers one GraphiQL request carries: the session's bearer token and purpose, then the Headers tab's, in
 * which a header the user typed wins over the session's, compared without regard to case. Both used to be sent:
 * an `X-Purpose` typed in the Headers tab and the Purpose selector's reached the gateway merged by the browser
 * (`a, b`) and were refused as malformed. Now the typed one is sent alone, and the page says it overrode the
 * selector's (see `PurposeUsed`).
 */
import type { Session } from './session.ts';

export interface PurposeUsed {
  /** The X-Purpose sent; null for none. */
  sent: string | null;
  /** Where it came from. */
  from: 'selector' | 'headers' | null;
  /** The selector's purpose, when the Headers tab's replaced it. */
  overridden: string | null;
}

export interface RequestHeaders {
  headers: Record<string, string>;
  purpose: PurposeUsed;
}

export function requestHeaders(session: Session, typed: Record<string, unknown> | undefined): RequestHeaders {
  const headers: Record<string, string> = {};
  if (session.token) headers.authorization = `Bearer ${session.token}`;
  if (session.purpose) headers['x-purpose'] = session.purpose;
  let typedPurpose: string | null = null;
  for (const [name, value] of Object.entries(typed ?? {})) {
    if (value === undefined || value === null) continue;
    const lower = name.toLowerCase();
    headers[lower] = String(value);
    if (lower === 'x-purpose') typedPurpose = String(value);
  }
  const purpose: PurposeUsed = typedPurpose !== null
    ? { sent: typedPurpose, from: 'headers', overridden: session.purpose && session.purpose !== typedPurpose ? session.purpose : null }
    : { sent: session.purpose, from: session.purpose ? 'selector' : null, overridden: null };
  return { headers, purpose };
}
