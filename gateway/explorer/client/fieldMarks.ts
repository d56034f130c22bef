/**
 * Which fields of an operation a request for a purpose will not get in full, and where they are written: the
 * editor's marks (EditorMarks.tsx draws them). Withheld fields, masked ones and those reached only through an
 * item the caller does not hold; nothing below a withheld field (it comes back null with it).
 */
import { getNamedType, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { CatalogueView } from '../views.ts';
import { sharingLabel } from './annotateIntrospection.ts';
import type { Translate } from './i18n.ts';
import { itemsOf, itemStatus, type ItemStatus } from './itemStatus.ts';

export interface FieldMark {
  item: string;
  status: ItemStatus;
  /** 1-based, as Monaco counts. */
  line: number;
  column: number;
  endColumn: number;
  message: string;
}

/** The marks of one document: its fields that are not served in full for `purpose`. */
export function fieldMarks(document: DocumentNode, schema: GraphQLSchema, catalogue: CatalogueView, purpose: string | null, t: Translate): FieldMark[] {
  const items = itemsOf(catalogue);
  const typeInfo = new TypeInfo(schema);
  const marks: FieldMark[] = [];
  // Below a field that is withheld (or reached only through one), its own fields come back null with it: not marked again.
  const covered: boolean[] = [];
  visit(document, visitWithTypeInfo(typeInfo, {
    Field: {
      enter(node) {
        const parent = typeInfo.getParentType();
        const entry = parent ? items.get(`${getNamedType(parent).name}.${node.name.value}`) : undefined;
        const status = entry ? itemStatus(entry.view, purpose) : null;
        const inside = covered.at(-1) ?? false;
        covered.push(inside || status?.state === 'withheld' || status?.state === 'through');
        if (inside || !entry || !status || status.state === 'served' || !node.name.loc) return;
        const token = node.name.loc.startToken;
        marks.push({
          item: entry.view.item, status, line: token.line, column: token.column, endColumn: token.column + node.name.value.length,
          message: `${entry.view.item}: ${sharingLabel(entry.owner, entry.view, purpose, t).replace(/\*\*/g, '')}`,
        });
      },
      leave() {
        covered.pop();
      },
    },
  }));
  return marks;
}

/** The `X-Purpose` typed in the Headers tab (any case), if any. */
export function typedPurpose(headers: string | null): string | null {
  if (!headers?.trim()) return null;
  try {
    const parsed = JSON.parse(headers) as Record<string, unknown>;
    const entry = Object.entries(parsed).find(([name]) => name.toLowerCase() === 'x-purpose');
    return entry && entry[1] != null ? String(entry[1]) : null;
  } catch {
    return null;
  }
}
