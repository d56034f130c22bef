/**
 * The open disputes the signed-in department may see, for the catalogue page: read from the graph's `disputes`
 * (as the caller, so only those that concern its department), every page of them, and grouped by the items in
 * dispute, each item's disputes oldest first. A department whose token carries no role that may read disputes sees
 * none (the page shows nothing rather than an error).
 */
import { graphql, type Session } from './session.ts';

export type DisputeStageName = 'NEGOTIATION' | 'COMPETENT_DEPARTMENT' | 'COMMON_SUPERIOR';

export interface OpenDispute {
  id: string;
  consumer: string;
  provider: string;
  items: string[];
  stage: DisputeStageName;
  deadline: string;
  overdue: boolean;
}

export const OPEN_DISPUTES_QUERY = `query CatalogueDisputes($after: String) {
  disputes(filter: { status: OPEN }, first: 500, after: $after) {
    pageInfo { hasNextPage endCursor } nodes { id consumer provider items stage deadline overdue }
  }
}`;

/** At most this many pages (of 500) are read: the catalogue is not a dispute register. */
const MAX_PAGES = 10;

type DisputesAnswer = { disputes: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: OpenDispute[] } };

export async function loadOpenDisputes(session: Session): Promise<OpenDispute[]> {
  const disputes: OpenDispute[] = [];
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer: { data?: DisputesAnswer | null } = await graphql<DisputesAnswer>(session, OPEN_DISPUTES_QUERY, { after });
    if (!answer.data) return disputes;
    disputes.push(...answer.data.disputes.nodes);
    if (!answer.data.disputes.pageInfo.hasNextPage) break;
    after = answer.data.disputes.pageInfo.endCursor;
  }
  return disputes;
}

/** Item (`Type.field`) -> the open disputes about it, oldest first. */
export function disputesByItem(disputes: readonly OpenDispute[]): ReadonlyMap<string, OpenDispute[]> {
  const byItem = new Map<string, OpenDispute[]>();
  for (const dispute of [...disputes].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    for (const item of dispute.items) byItem.set(item, [...(byItem.get(item) ?? []), dispute]);
  }
  return byItem;
}
