/**
 * The catalogue page's selection and export, apart from its rendering: which items a search and the filters keep
 * (words found in any language the entry is written in: its name, Chinese name, department id and titles,
 * description, reason, level), and the rows of the CSV export with a byte-order mark, so Excel and WPS on a
 * Chinese Windows read the Chinese text as UTF-8 rather than GBK.
 */
import type { CatalogueDepartmentView, CatalogueItemView, CatalogueResourceView, CatalogueView, ShareLevelName } from '../views.ts';

export interface CatalogueFilters {
  search: string;
  department: string | null;
  level: ShareLevelName | null;
  /** Whether the sharing platform's own API (its workflow, catalogue and audit types) is listed. */
  platformApi: boolean;
}

export interface SelectedDepartment extends Omit<CatalogueDepartmentView, 'resources'> {
  resources: (Omit<CatalogueResourceView, 'items'> & { items: CatalogueItemView[] })[];
  /** Items of the department before the search and level filter. */
  total: number;
}

export function selectCatalogue(view: CatalogueView, filters: CatalogueFilters): SelectedDepartment[] {
  const words = filters.search.toLowerCase().split(/\s+/).filter(Boolean);
  return view.departments
    .filter((department) => (filters.platformApi || !department.platform) && (filters.department === null || department.id === filters.department))
    .map((department) => ({
      ...department,
      total: department.resources.reduce((n, r) => n + r.items.length, 0),
      resources: department.resources
        .map((resource) => ({
          ...resource,
          items: resource.items.filter((item) =>
            (filters.level === null || item.level === filters.level) && words.every((word) => searchText(department, resource, item).includes(word))),
        }))
        .filter((resource) => resource.items.length > 0),
    }))
    .filter((department) => department.resources.length > 0);
}

function searchText(department: CatalogueDepartmentView, resource: CatalogueResourceView, item: CatalogueItemView): string {
  return [
    department.id, department.title, department.titleZh, resource.type, resource.nameZh, item.item, item.nameZh, item.level,
    item.description, item.reason, item.access, item.cycle, item.sensitive ? 'sensitive 敏感' : null,
  ].filter(Boolean).join(' ').toLowerCase();
}

export const CSV_HEADER = ['department', 'department_title', 'department_title_zh', 'version', 'resource', 'item', 'name_zh', 'level', 'sensitive', 'key', 'cycle', 'type', 'description', 'reason', 'access'];

/** RFC 4180 CSV of the selection, CRLF line ends, with a UTF-8 byte-order mark. */
export function catalogueCsv(departments: readonly SelectedDepartment[], versions: ReadonlyMap<string, string>): string {
  const rows = [CSV_HEADER];
  for (const department of departments) {
    for (const resource of department.resources) {
      for (const item of resource.items) {
        rows.push([
          department.id, department.title, department.titleZh ?? '', versions.get(department.id) ?? department.version, resource.type, item.item,
          item.nameZh ?? '', item.level, String(item.sensitive), String(item.key), item.cycle ?? '', item.type, item.description ?? '', item.reason ?? '', item.access,
        ]);
      }
    }
  }
  return '\uFEFF' + rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
