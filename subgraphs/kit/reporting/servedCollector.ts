/**
 * What one request to a department actually served, collected while it executes: each of the department's own
 * items its rules decided (once per item per request: the shield rules' contextual cache), and the key of every
 * entity it returned (subjectRecording.ts). The report and the access log entry are built from this, never from
 * the operation's text, so what a caller names its fields changes nothing.
 */
import type { Decision } from '../../../sharing/types.ts';

export interface ServedLists {
  served: string[];
  masked: string[];
  denied: string[];
  subjects: string[];
}

export interface ServedCollector {
  /** The department's decision about one of its items, when a request reached it. */
  decided(decision: Decision): void;
  /** An entity the department returned (its key: a resident ID, a credit code, or a composite key's JSON). */
  subject(key: string): void;
  /** Sorted, unique lists. */
  lists(): ServedLists;
}

export function createServedCollector(): ServedCollector {
  const served = new Set<string>();
  const masked = new Set<string>();
  const denied = new Set<string>();
  const subjects = new Set<string>();
  return {
    decided(decision) {
      if (decision.effect === 'deny') {
        denied.add(decision.item);
        return;
      }
      served.add(decision.item);
      if (decision.masked) masked.add(decision.item);
    },
    subject(key) {
      subjects.add(key);
    },
    lists: () => ({ served: sorted(served), masked: sorted(masked), denied: sorted(denied), subjects: sorted(subjects) }),
  };
}

function sorted(set: Set<string>): string[] {
  return [...set].sort();
}
