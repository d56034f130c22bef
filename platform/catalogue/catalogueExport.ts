/**
 * The catalogue as files others read: JSON (departments with their versions, resources with their items) and CSV
 * (one row per item, RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or
 * line break). A CSV field that a spreadsheet would run as a formula (starting with =, +, - or @) is prefixed with
 * an apostrophe, so opening the export cannot execute anything.
 */
import type { CatalogueSelection } from './catalogueQuery.ts';
import type { CatalogueDepartment, CatalogueItem } from './publishedCatalogue.ts';

export const CSV_COLUMNS = [
  'item', 'resource', 'field', 'owner', 'level', 'sensitive', 'key', 'type', 'cycle', 'version', 'description', 'reason',
] as const satisfies readonly (keyof CatalogueItem)[];

export function catalogueCsv(selection: CatalogueSelection): string {
  const rows = [CSV_COLUMNS.join(','), ...selection.items.map((item) => CSV_COLUMNS.map((column) => csvField(item[column])).join(','))];
  return rows.map((row) => `${row}\r\n`).join('');
}

export function catalogueJson(selection: CatalogueSelection, departments: readonly CatalogueDepartment[], source: { supergraph: string }): string {
  const listed = new Set(selection.items.map((item) => item.owner));
  return `${JSON.stringify(
    {
      supergraph: source.supergraph,
      departments: departments.filter((department) => listed.has(department.id)),
      resources: selection.resources,
    },
    null,
    2,
  )}\n`;
}

function csvField(value: string | boolean | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
